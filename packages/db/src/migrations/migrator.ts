import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Database } from "../database.ts";
import { migrationsDir, schemaPath } from "../paths.ts";
import { readMigrationsFolder, writeMigration } from "./migrations-folder.ts";
import { withSchemaEngine } from "./schema-engine.ts";

const NO_FILTER = { externalTables: [], externalEnums: [] };

export interface MigratorOptions {
  schemaPath?: string;
  migrationsDir?: string;
}

function resolveOptions(options: MigratorOptions) {
  return { schemaPath: options.schemaPath ?? schemaPath, migrationsDir: options.migrationsDir ?? migrationsDir };
}

async function readSchemaAndMigrations(options: MigratorOptions) {
  const paths = resolveOptions(options);
  const [schema, migrationsList] = await Promise.all([readFile(paths.schemaPath, "utf8"), readMigrationsFolder(paths.migrationsDir)]);
  return { paths, schema, migrationsList };
}

/** Applies pending migrations, recording them in `_prisma_migrations` as `prisma migrate deploy` does. */
export async function applyMigrations(db: Database, options: MigratorOptions = {}): Promise<string[]> {
  const { schema, migrationsList } = await readSchemaAndMigrations(options);
  return withSchemaEngine(db.adapterFactory, schema, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database built from the migrations folder to `schema.prisma`; empty when they agree.
 * The folder is replayed on a throwaway in-memory PGlite, so no shadow database is needed on the server.
 * That PGlite is also the engine's shadow database: the PGlite adapter would otherwise start a second one.
 */
export async function pendingSchemaChanges(options: MigratorOptions = {}): Promise<string> {
  const { paths, schema, migrationsList } = await readSchemaAndMigrations(options);
  const scratch = await PGlite.create({ dataDir: "memory://" });
  try {
    const scratchFactory = new PrismaPGlite(scratch);
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: scratchFactory.provider,
      adapterName: scratchFactory.adapterName,
      connect: () => scratchFactory.connect(),
      connectToShadowDb: () => scratchFactory.connect(),
    };
    return await withSchemaEngine(factory, schema, async (engine) => {
      const result = await engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [{ path: paths.schemaPath, content: schema }] },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      });
      return result.exitCode === 2 ? (result.stdout ?? "") : "";
    });
  } finally {
    await scratch.close();
  }
}

/** Writes the next migration folder from the difference between the folder and the schema; null when there is none. */
export async function createMigration(name: string, options: MigratorOptions = {}): Promise<string | null> {
  const sql = await pendingSchemaChanges(options);
  if (!sql) return null;
  return writeMigration(resolveOptions(options).migrationsDir, name, sql);
}

export interface MigrationStatus {
  /** In the folder, not yet applied to the database. */
  pending: string[];
  /** Recorded in the database but missing from the folder. */
  unknown: string[];
  failed: string[];
  /** Applied, but the file changed since. */
  edited: string[];
}

/**
 * Compares the migrations recorded in the database with the folder, as `prisma migrate status` does, by reading
 * `_prisma_migrations` directly. Every gateway start asks this; the schema engine it no longer starts cost each
 * production gateway about 200 MB of resident memory for the rest of its life (WebAssembly) and embedded restarts a
 * second. Prisma records a migration's checksum as the SHA-256 of its file.
 */
export async function migrationStatus(db: Database, options: MigratorOptions = {}): Promise<MigrationStatus> {
  const { migrationDirectories } = await readMigrationsFolder(resolveOptions(options).migrationsDir);
  const recorded = await recordedMigrations(db);
  const folder = new Map(migrationDirectories.map(({ path, migrationFile }) => [path, migrationFile.content]));
  const applied = recorded.filter((row) => row.finished && !row.rolledBack);
  const failed = recorded.filter((row) => !row.finished && !row.rolledBack).map((row) => row.name);
  const settled = new Set([...applied.map((row) => row.name), ...failed]);
  return {
    pending: [...folder.keys()].filter((name) => !settled.has(name)),
    unknown: applied.filter((row) => !folder.has(row.name)).map((row) => row.name),
    failed,
    edited: applied
      .filter((row) => {
        const file = folder.get(row.name);
        return file !== undefined && (file.tag === "error" || createHash("sha256").update(file.value).digest("hex") !== row.checksum);
      })
      .map((row) => row.name),
  };
}

interface RecordedMigration {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

async function recordedMigrations(db: Database): Promise<RecordedMigration[]> {
  const connection = await db.adapterFactory.connect();
  try {
    const query = (sql: string) => connection.queryRaw({ sql, args: [], argTypes: [] });
    const table = await query("SELECT to_regclass('_prisma_migrations') IS NOT NULL");
    if (table.rows[0]?.[0] !== true) return [];
    const { rows } = await query(
      "SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NOT NULL FROM _prisma_migrations ORDER BY migration_name",
    );
    return rows.map(([name, checksum, finished, rolledBack]) => ({
      name: String(name),
      checksum: String(checksum),
      finished: finished === true,
      rolledBack: rolledBack === true,
    }));
  } finally {
    await connection.dispose();
  }
}
