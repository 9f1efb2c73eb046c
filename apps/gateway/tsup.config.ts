import { cp } from "node:fs/promises";
import { defineConfig } from "tsup";

// The gateway for `node dist/main.js`: the workspace's own TypeScript (this app, @custos/db and its generated Prisma
// client) bundled into one file; npm packages stay in node_modules, because PGlite, Prisma and GraphiQL read files of
// their own (wasm, data, browser builds) from beside their code.
export default defineConfig((options) => ({
  entry: { main: "src/main.ts" },
  format: "esm",
  platform: "node",
  target: "node20",
  outDir: "dist",
  // Only this build's own files: the tests' and the benchmark's builds live in folders below dist/ (buildGateway), and
  // `npm start` builds while they may be running.
  clean: ["!*/**"],
  sourcemap: true,
  // JSON modules are bundled too: esbuild drops the `with { type: "json" }` Node needs on an external one.
  noExternal: [/^@custos\//, /\.json$/],
  // The explorer's start script is served as it is, read from beside the code (explorer-route.ts).
  onSuccess: () => cp("src/transport/explorer/explorer-start.js", `${options.outDir ?? "dist"}/explorer-start.js`),
}));
