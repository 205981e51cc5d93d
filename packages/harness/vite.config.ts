import { defineConfig } from "vite";

/**
 * The harness page: Preact through Vite 8's built-in Oxc JSX transform (no Babel plugin
 * needed). `base: "./"` so the built page works wherever the server serves it; built into
 * `dist/page` (the library's own build, `tsc`, writes the rest of `dist/`).
 */
export default defineConfig({
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist/page", emptyOutDir: true, target: "es2022" },
  server: { host: "localhost", port: 5173 },
});
