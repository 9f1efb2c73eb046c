import { custosVitestConfig } from "./src/vitest-config.ts";

export default custosVitestConfig;
