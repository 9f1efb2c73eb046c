import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defaultPgliteDir, repoRoot } from "./paths.ts";

/** Where the data lives: an embedded PGlite folder (or `memory://`), or a PostgreSQL server. */
export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/** `DATABASE_URL` selects PostgreSQL; without it Custos runs on PGlite in `CUSTOS_DATA_DIR` (or `memory://`). */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgresql:// URL; unset it to use the embedded database.");
    }
    return { kind: "postgres", url };
  }
  const dataDir = env.CUSTOS_DATA_DIR?.trim();
  // Relative to the repository, so `pnpm start` and `pnpm db` (which run in different packages) agree.
  if (!dataDir) return { kind: "pglite", dataDir: defaultPgliteDir };
  return { kind: "pglite", dataDir: dataDir.includes("://") ? dataDir : path.resolve(repoRoot, dataDir) };
}

/** An open database: the driver-adapter factory that both Prisma Client and the schema engine use. */
export interface Database {
  readonly target: DatabaseTarget;
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/**
 * Opens the target once per process. A PGlite folder can only be opened by one PGlite instance,
 * so the migration runner and the client must share this one.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    return {
      target,
      adapterFactory: new PrismaPg({ connectionString: target.url }),
      close: async () => {},
    };
  }
  if (!target.dataDir.includes("://")) await mkdir(target.dataDir, { recursive: true });
  return wrapPglite(await PGlite.create({ dataDir: target.dataDir }));
}

/** A Database over a PGlite instance that is already open; closing the Database closes it. */
export function wrapPglite(pglite: PGlite): Database {
  return {
    target: { kind: "pglite", dataDir: pglite.dataDir ?? "memory://" },
    adapterFactory: new PrismaPGlite(pglite),
    close: () => pglite.close(),
  };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `PGlite (${target.dataDir})`;
  const url = new URL(target.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
