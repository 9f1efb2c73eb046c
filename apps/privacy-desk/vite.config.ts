import { defineConfig } from "vite";

export default defineConfig({
  // JSX for Preact, compiled by Vite's own transformer: no framework plugin to keep up with.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
});
