import { defineConfig } from "vitest/config";

export default defineConfig({
  // Pothos loads graphql-js through Node (CommonJS); tests must use that same copy, not its ESM twin.
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    globalSetup: ["../../packages/testing/src/vitest-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
