import { custosVitestConfig } from "../testing/src/vitest-config.ts";

export default custosVitestConfig;
