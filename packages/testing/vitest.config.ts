import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./src/vitest-global-setup.ts"],
    // Starting a throwaway cluster (initdb + start) takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
