import { defineConfig } from "vite";

/**
 * The harness page (`index.html`) and the single-participant view page of a meeting server
 * (`view.html`, served at `/p/<participant>`): Preact through Vite 8's built-in Oxc JSX
 * transform (no Babel plugin needed). `base: "./"` so the built pages work wherever the server
 * serves them; built into `dist/page` (the library's own build, `tsc`, writes the rest of
 * `dist/`).
 */
export default defineConfig({
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist/page",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: { input: { index: "index.html", view: "view.html" } },
  },
  server: { host: "localhost", port: 5173 },
});
