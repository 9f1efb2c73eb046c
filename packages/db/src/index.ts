export type { ConsentEvent, PolicyVersion, PrismaClient } from "../generated/prisma/client.ts";
export { Prisma } from "../generated/prisma/client.ts";
export * from "../generated/prisma/enums.ts";
export { createPrismaClient } from "./client.ts";
export {
  type Database,
  type DatabaseBounds,
  type DatabaseTarget,
  databaseTargetFromEnv,
  describeTarget,
  GATEWAY_DATABASE_BOUNDS,
  openDatabase,
  UNBOUNDED,
} from "./database.ts";
export { applyMigrations, createMigration, type MigrationStatus, migrationStatus, pendingSchemaChanges } from "./migrations/migrator.ts";
export { custosStateDir } from "./paths.ts";
export { DatabaseInUseError } from "./pglite-lock.ts";
export { PendingMigrationsError, prepareDatabase, type ReadyDatabase } from "./prepare.ts";
export { PREPARED } from "./prepared-statements.ts";
export { seedExampleSystems, seedPolicyRegisters } from "./seed/fresh-install.ts";
export { DEFAULT_TENANT_SLUG, seedCatalogue } from "./seed/seed.ts";
export { CrossTenantWriteError, scopeToTenant, type TenantScopedPrisma, type TenantTransaction, tenantScopeRules } from "./tenant-scope.ts";
