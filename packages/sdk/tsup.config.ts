import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: ["node20", "es2022"],
  // The contract these types were generated from ships beside them, so partners generate theirs from the same file.
  onSuccess: () => copyFile(new URL("../../apps/gateway/schema.graphql", import.meta.url), new URL("dist/schema.graphql", import.meta.url)),
});
