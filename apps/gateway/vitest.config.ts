import { availableParallelism } from "node:os";
import { mergeConfig } from "vitest/config";
import { custosVitestConfig } from "../../packages/testing/src/vitest-config.ts";

// Shared with every Custos package (../../packages/testing/src/vitest-config.ts). This package's tests wait mostly on
// sockets, PostgreSQL and child processes, so two workers even on two cores, where vitest's own default (cores - 1)
// ran one file at a time. Each file keeps a process of its own: with one module graph per worker (isolate: false),
// a file's leftover database connections outlived it and a later file's dropped database killed them as an uncaught
// error in another file's test (CI at 7ce0e6e).
export default mergeConfig(custosVitestConfig, {
  test: { maxWorkers: Math.max(2, availableParallelism() - 1) },
});
