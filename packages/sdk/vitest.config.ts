// Shared with every Custos package: one real PostgreSQL per test run (../testing/src/vitest-global-setup.ts) and the timeouts for it.
import { custosVitestConfig } from "../testing/src/vitest-config.ts";

export default custosVitestConfig;
