// Shared with every Custos package (../../packages/testing/src/vitest-config.ts); browser tests take longer per step.
import { mergeConfig } from "vitest/config";
import { custosVitestConfig } from "../../packages/testing/src/vitest-config.ts";

export default mergeConfig(custosVitestConfig, { test: { testTimeout: 120_000, fileParallelism: false } });
