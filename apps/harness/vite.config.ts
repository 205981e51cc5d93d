import { defineConfig } from "vite";

/**
 * Preact through Vite 8's built-in Oxc JSX transform (no Babel plugin needed). `base: "./"`
 * so the built page works wherever `yiqi harness` serves it.
 */
export default defineConfig({
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: { host: "localhost", port: 5173 },
});
