import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The vitest configuration every Custos package shares: one real PostgreSQL per test run, and
 * timeouts for tests that start databases and gateways. Import it by relative path: vitest loads
 * config files with Node, which cannot import a workspace package's TypeScript source.
 */
export const custosVitestConfig = defineConfig({
  // Pothos loads graphql-js through Node (CommonJS); tests must use that same copy, not its ESM twin.
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    globalSetup: [fileURLToPath(new URL("./vitest-global-setup.ts", import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
