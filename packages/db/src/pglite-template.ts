import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { createPrismaClient } from "./client.ts";
import { wrapPglite } from "./database.ts";
import { readMigrationsFolder } from "./migrations/migrations-folder.ts";
import { applyMigrations } from "./migrations/migrator.ts";
import { custosStateDir, migrationsDir, repoRoot } from "./paths.ts";
import { seedFreshInstall } from "./seed/fresh-install.ts";

const TEMPLATE_DIR = path.join(custosStateDir, "pglite-template");
const SEED_DIR = path.join(repoRoot, "packages", "db", "src", "seed");

/** The installed PGlite's version: its data files are PostgreSQL's, and another build may lay them out otherwise. */
async function pgliteVersion(): Promise<string> {
  const require = createRequire(import.meta.url);
  for (let dir = path.dirname(require.resolve("@electric-sql/pglite")); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(await readFile(manifest, "utf8")) as { name?: string; version?: string };
      if (name === "@electric-sql/pglite" && version) return version;
    }
    if (path.dirname(dir) === dir) throw new Error("@electric-sql/pglite's package.json was not found above its entry point");
  }
}

/** Everything a template's content follows from: the PGlite that made it, the migrations, and the seed's sources. */
async function templateKey(): Promise<string> {
  const hash = createHash("sha256").update(await pgliteVersion());
  const migrations = await readMigrationsFolder(migrationsDir);
  hash.update(JSON.stringify(migrations.migrationDirectories));
  for (const file of (await readdir(SEED_DIR)).sort()) hash.update(file).update(await readFile(path.join(SEED_DIR, file)));
  return hash.digest("hex").slice(0, 16);
}

/**
 * Whether the running code is the seed's sources: run from source it is; built into one bundle, only if the bundle was
 * written after the sources last changed (`pnpm start:prod` may run a bundle built before an edit of the seed).
 */
async function runsTheSeedSources(): Promise<boolean> {
  const running = fileURLToPath(import.meta.url);
  if (running.startsWith(path.dirname(SEED_DIR))) return true;
  const built = (await stat(running)).mtimeMs;
  const sources = await Promise.all((await readdir(SEED_DIR)).map((file) => stat(path.join(SEED_DIR, file))));
  return sources.every((source) => source.mtimeMs <= built);
}

/**
 * A new embedded database takes seconds to make (PostgreSQL's initdb, every migration and the seed, all in
 * WebAssembly), the same seconds and the same result for every new database. So one is made once per PGlite, migrations
 * and seed, kept in .custos/pglite-template/, and each new database starts as a copy of its folder (a cold copy of a
 * cluster that was shut down cleanly, as PostgreSQL allows), with every migration of the folder applied. Several
 * processes may make it at once: each in a folder of its own, renamed into place; the first rename wins.
 * Returns the template's folder, or undefined when the running code may seed otherwise than the sources say.
 */
export async function seededPgliteTemplate(): Promise<string | undefined> {
  if (!(await runsTheSeedSources())) return undefined;
  const key = await templateKey();
  const template = path.join(TEMPLATE_DIR, key);
  if (existsSync(template)) return template;
  await mkdir(TEMPLATE_DIR, { recursive: true });
  const making = `${template}.making-${process.pid}`;
  await rm(making, { recursive: true, force: true });
  const db = wrapPglite(await PGlite.create({ dataDir: making }));
  try {
    await applyMigrations(db);
    const prisma = createPrismaClient(db);
    await seedFreshInstall(prisma);
    await prisma.$disconnect();
  } finally {
    await db.close();
  }
  await rename(making, template).catch(async (error: NodeJS.ErrnoException) => {
    if (!existsSync(template)) throw error;
    await rm(making, { recursive: true, force: true });
  });
  // Templates of another PGlite, migrations folder or seed are never read again.
  for (const other of await readdir(TEMPLATE_DIR)) {
    if (!other.startsWith(key)) await rm(path.join(TEMPLATE_DIR, other), { recursive: true, force: true });
  }
  return template;
}
