import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@custos/testing";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createMigratedTestDatabase, TEST_ENGINES, type TestEngine } from "../../test/testing.ts";
import { type Database, type DatabaseTarget, openDatabase } from "../database.ts";
import { migrationsDir, schemaPath } from "../paths.ts";
import { readMigrationsFolder } from "./migrations-folder.ts";
import { applyMigrations, createMigration, migrationStatus, pendingSchemaChanges } from "./migrator.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A copy of prisma/ in a temp folder, so a test can change the schema and the migrations freely. */
async function scratchPrismaFolder() {
  const dir = await mkdtemp(path.join(tmpdir(), "custos-prisma-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const paths = { schemaPath: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
  await cp(schemaPath, paths.schemaPath);
  await cp(migrationsDir, paths.migrationsDir, { recursive: true });
  return paths;
}

async function emptyDatabase(engine: TestEngine): Promise<Database> {
  let target: DatabaseTarget = { kind: "pglite", dataDir: "memory://" };
  if (engine === "postgres") {
    const created = await createTestDatabase(inject("postgresAdminUrl"));
    cleanups.push(created.drop);
    target = { kind: "postgres", url: created.url };
  }
  const db = await openDatabase(target);
  cleanups.push(() => db.close());
  return db;
}

/**
 * Each diff replays the migrations folder on a fresh in-memory PGlite: seconds each, and over a minute for the four
 * this once did in one test on a loaded 2-core machine. So two tests, three diffs, and room for a slow machine.
 */
const DIFF_TEST_TIMEOUT_MS = 120_000;
it("the committed migrations build exactly schema.prisma (no drift)", { timeout: DIFF_TEST_TIMEOUT_MS }, async () => {
  expect(await pendingSchemaChanges()).toBe("");
});

const ADD_LOCALE = /ALTER TABLE "DataSubject" ADD COLUMN\s+"locale" TEXT/;

/** A scratch prisma/ folder whose schema has one column more than its migrations. */
async function scratchFolderWithNewColumn() {
  const paths = await scratchPrismaFolder();
  const schema = await readFile(paths.schemaPath, "utf8");
  await writeFile(paths.schemaPath, schema.replace("  erasedAt     DateTime?\n", "  erasedAt     DateTime?\n  locale       String?\n"));
  return paths;
}

it("a schema change shows as drift", { timeout: DIFF_TEST_TIMEOUT_MS }, async () => {
  expect(await pendingSchemaChanges(await scratchFolderWithNewColumn())).toMatch(ADD_LOCALE);
});

it("`db new` writes the migration that ends the drift, and then has nothing to write", { timeout: DIFF_TEST_TIMEOUT_MS }, async () => {
  const paths = await scratchFolderWithNewColumn();
  const folder = await createMigration("add subject locale", paths);
  expect(folder).toMatch(/^\d{14}_add_subject_locale$/);
  expect(await readFile(path.join(paths.migrationsDir, folder as string, "migration.sql"), "utf8")).toMatch(ADD_LOCALE);
  // No migration to write is no drift: createMigration writes exactly what pendingSchemaChanges reports.
  expect(await createMigration("nothing", paths)).toBeNull();
});

describe.each(TEST_ENGINES)("migrations on %s", (engine) => {
  it("applies every migration once and records each as Prisma does", async () => {
    const db = await emptyDatabase(engine);
    expect((await migrationStatus(db)).pending.length).toBeGreaterThan(0);

    const applied = await applyMigrations(db);
    expect(applied.length).toBeGreaterThan(0);
    expect(await applyMigrations(db)).toEqual([]);
    expect(await migrationStatus(db)).toEqual({ pending: [], unknown: [], failed: [], edited: [] });

    const connection = await db.adapterFactory.connect();
    const recorded = await connection.queryRaw({
      sql: "SELECT migration_name, checksum, applied_steps_count FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
      args: [],
      argTypes: [],
    });
    await connection.dispose();
    for (const [name, checksum, steps] of recorded.rows) {
      const sql = await readFile(path.join(migrationsDir, String(name), "migration.sql"));
      expect(checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(Number(steps)).toBe(1);
    }
    expect(recorded.rows.map((row) => row[0])).toEqual(applied);
  });

  it("reports a migration edited after it was applied, and one the folder does not have", async () => {
    const paths = await scratchPrismaFolder();
    const db = await emptyDatabase(engine);
    const [first] = await applyMigrations(db, paths);
    const file = path.join(paths.migrationsDir, first as string, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- edited\n`);
    expect((await migrationStatus(db, paths)).edited).toEqual([first]);

    await rm(path.join(paths.migrationsDir, first as string), { recursive: true });
    expect((await migrationStatus(db, paths)).unknown).toEqual([first]);
  });
});

it("two deploys racing on one PostgreSQL database apply each migration once, and neither fails", async () => {
  const created = await createTestDatabase(inject("postgresAdminUrl"));
  cleanups.push(created.drop);
  const [first, second] = await Promise.all([1, 2].map(() => openDatabase({ kind: "postgres", url: created.url })));
  const results = await Promise.all([applyMigrations(first as Database), applyMigrations(second as Database)]);
  const all = (await readMigrationsFolder(migrationsDir)).migrationDirectories.map((directory) => directory.path);
  expect(results.flat().sort()).toEqual(all);
  expect(await migrationStatus(first as Database)).toEqual({ pending: [], unknown: [], failed: [], edited: [] });
});

// A regression: on full pages every later decision moved its current-state row to another page, and recordConsent for
// subjects that had decided before cost about five times the database time of new ones (pnpm bench, repeat subjects).
it("the current-state tables keep room on each page, so a later decision updates its row in place", async () => {
  await using database = await createMigratedTestDatabase("postgres", inject("postgresAdminUrl"));
  const tables = await database.prisma.$queryRaw<{ relname: string; reloptions: string[] | null }[]>`
    SELECT relname, reloptions FROM pg_class WHERE relname IN ('ConsentState', 'CookieConsentState') ORDER BY relname`;
  expect(tables).toEqual([
    { relname: "ConsentState", reloptions: ["fillfactor=80"] },
    { relname: "CookieConsentState", reloptions: ["fillfactor=80"] },
  ]);
});
