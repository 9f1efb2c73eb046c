import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  // One entry per audience; the ESM build shares chunks between them, and CustosError's Symbol.for brand makes an
  // error from any copy (ESM, CommonJS, another entry's bundle) `instanceof` every copy's class.
  entry: {
    index: "src/index.ts",
    storefront: "src/storefront.ts",
    apps: "src/apps.ts",
    staff: "src/staff.ts",
    verify: "src/verify.ts",
    webhooks: "src/webhooks.ts",
    "custos-verify": "src/verify/cli.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  target: ["node20", "es2022"],
  // The contract these types were generated from ships beside them, so partners generate theirs from the same file.
  onSuccess: () => copyFile(new URL("../../apps/gateway/schema.graphql", import.meta.url), new URL("dist/schema.graphql", import.meta.url)),
});
