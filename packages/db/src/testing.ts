// Fresh, migrated and seeded databases for tests, on either engine: `@custos/db/testing`.
import { createTestDatabase } from "@custos/testing";
import { createPrismaClient } from "./client.ts";
import { type DatabaseTarget, openDatabase } from "./database.ts";
import { applyMigrations } from "./migrations/migrator.ts";
import type { ReadyDatabase } from "./prepare.ts";
import { seedCatalogue } from "./seed/seed.ts";

export type TestEngine = "pglite" | "postgres";
export const TEST_ENGINES: readonly TestEngine[] = ["pglite", "postgres"];

export interface TestDatabase extends ReadyDatabase {
  engine: TestEngine;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * An in-memory PGlite, or a new database on the test run's PostgreSQL server (`postgresAdminUrl`),
 * migrated from prisma/migrations and seeded with the catalogue. Disposing it drops it.
 */
export async function createMigratedTestDatabase(engine: TestEngine, postgresAdminUrl?: string): Promise<TestDatabase> {
  let dropServerDatabase = async () => {};
  let target: DatabaseTarget = { kind: "pglite", dataDir: "memory://" };
  if (engine === "postgres") {
    if (!postgresAdminUrl) throw new Error("a postgres test database needs the test run's postgresAdminUrl");
    const created = await createTestDatabase(postgresAdminUrl);
    target = { kind: "postgres", url: created.url };
    dropServerDatabase = created.drop;
  }
  const db = await openDatabase(target);
  await applyMigrations(db);
  const prisma = createPrismaClient(db);
  await seedCatalogue(prisma);
  const close = async () => {
    await prisma.$disconnect();
    await db.close();
    await dropServerDatabase();
  };
  return { engine, db, prisma, close, [Symbol.asyncDispose]: close };
}
