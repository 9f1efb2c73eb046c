// Fresh, migrated and seeded databases for tests, on either engine: `@custos/db/testing`.

import { createTestDatabase } from "@custos/testing";
import { PGlite } from "@electric-sql/pglite";
import { createPrismaClient } from "../src/client.ts";
import { type Database, openDatabase, wrapPglite } from "../src/database.ts";
import { applyMigrations } from "../src/migrations/migrator.ts";
import type { ReadyDatabase } from "../src/prepare.ts";
import { seedCatalogue } from "../src/seed/seed.ts";

export type TestEngine = "pglite" | "postgres";
export const TEST_ENGINES: readonly TestEngine[] = ["pglite", "postgres"];

export interface MigratedTestDatabase extends ReadyDatabase {
  engine: TestEngine;
  [Symbol.asyncDispose](): Promise<void>;
}

async function migrateAndSeed(db: Database) {
  await applyMigrations(db);
  const prisma = createPrismaClient(db);
  await seedCatalogue(prisma);
  return prisma;
}

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * Starting PGlite and migrating it costs seconds, so each test process migrates and seeds one
 * in-memory database through the real migration runner and every test gets a copy of its files.
 */
function freshPglite(): Promise<PGlite> {
  pgliteTemplate ??= (async () => {
    const template = await PGlite.create({ dataDir: "memory://" });
    const db = wrapPglite(template);
    const prisma = await migrateAndSeed(db);
    await prisma.$disconnect();
    const files = await template.dumpDataDir("none");
    await db.close();
    return files;
  })();
  return pgliteTemplate.then((files) => PGlite.create({ dataDir: "memory://", loadDataDir: files }));
}

/**
 * An in-memory PGlite, or a new database on the test run's PostgreSQL server (`postgresAdminUrl`),
 * migrated from prisma/migrations and seeded with the catalogue. Disposing it drops it.
 */
export async function createMigratedTestDatabase(engine: TestEngine, postgresAdminUrl?: string): Promise<MigratedTestDatabase> {
  let db: Database;
  let prisma: ReturnType<typeof createPrismaClient>;
  let dropServerDatabase = async () => {};
  if (engine === "postgres") {
    if (!postgresAdminUrl) throw new Error("a postgres test database needs the test run's postgresAdminUrl");
    const created = await createTestDatabase(postgresAdminUrl);
    dropServerDatabase = created.drop;
    db = await openDatabase({ kind: "postgres", url: created.url });
    prisma = await migrateAndSeed(db);
  } else {
    db = wrapPglite(await freshPglite());
    prisma = createPrismaClient(db);
  }
  const close = async () => {
    await prisma.$disconnect();
    await db.close();
    await dropServerDatabase();
  };
  return { engine, db, prisma, close, [Symbol.asyncDispose]: close };
}
