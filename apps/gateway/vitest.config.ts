import { availableParallelism } from "node:os";
import { mergeConfig } from "vitest/config";
import { custosVitestConfig } from "../../packages/testing/src/vitest-config.ts";

// Shared with every Custos package (../../packages/testing/src/vitest-config.ts). Most of this package's test files
// start the gateway, whose import (the Pothos schema, Prisma, Apollo) and first PGlite database (initdb, migrations and
// seed in WebAssembly) cost seconds: isolated, every file paid them again; a worker now runs file after file in one
// module graph and pays them once. The tests restore what they change (the clock, NODE_ENV) and every database is a
// fresh one. Its tests wait mostly on sockets, PostgreSQL and child processes, so two workers even on two cores,
// where vitest's own default (cores - 1) would run one.
export default mergeConfig(custosVitestConfig, {
  test: { isolate: false, maxWorkers: Math.max(2, availableParallelism() - 1) },
});
