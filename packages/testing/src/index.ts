// Brings the vitest `ProvidedContext` augmentation along, so test files importing this package
// get a typed `inject("postgresAdminUrl")`.
import type {} from "./vitest-global-setup.ts";

export { findFreeLoopbackPort } from "./free-port.ts";
export { withClient } from "./pg-client.ts";
export { type PostgresServer, startPostgres } from "./postgres.ts";
export { findPostgresBinaries } from "./postgres-binaries.ts";
export { createTestDatabase, type TestDatabase } from "./test-database.ts";
export { startThrowawayCluster, type ThrowawayCluster, type ThrowawayClusterOptions } from "./throwaway-cluster.ts";
