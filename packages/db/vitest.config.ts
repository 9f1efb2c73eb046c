import { custosVitestConfig } from "../../packages/testing/src/vitest-config.ts";

export default custosVitestConfig;
