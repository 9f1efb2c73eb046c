import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../apps/gateway/schema.graphql",
  documents: "src/operations/**/*.graphql",
  // Codegen validates every operation against the committed schema and fails on any mismatch.
  generates: {
    "generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string", JSON: "unknown" },
      },
    },
    // The gateway's error codes (the schema's ErrorCode enum, which no operation selects) as a runtime list.
    "generated/error-codes.ts": { plugins: ["./scripts/error-codes-plugin.mjs"] },
  },
};

export default config;
