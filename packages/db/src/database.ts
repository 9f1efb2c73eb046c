import { existsSync } from "node:fs";
import { copyFile, cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defaultPgliteDir, repoRoot } from "./paths.ts";
import { lockPgliteDir } from "./pglite-lock.ts";
import { preparedStatementName } from "./prepared-statements.ts";

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
 * How long a PostgreSQL connection may take to open, a statement to run on the server, and a query to be answered
 * at all (a frozen server answers nothing, so the server's own timeout cannot fire). Past them the query fails and
 * the gateway answers 503 with Retry-After instead of holding the client. `pnpm db migrate` runs unbounded: a
 * migration may rightly take minutes.
 */
export interface DatabaseBounds {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  queryTimeoutMs: number;
}

export const GATEWAY_DATABASE_BOUNDS: DatabaseBounds = { connectTimeoutMs: 3_000, statementTimeoutMs: 8_000, queryTimeoutMs: 10_000 };
export const UNBOUNDED: DatabaseBounds = { connectTimeoutMs: 10_000, statementTimeoutMs: 0, queryTimeoutMs: 0 };

/**
 * Opens the target once per process. A PGlite folder can only be opened by one PGlite instance,
 * so the migration runner and the client must share this one. A folder without a database yet starts as a copy of
 * the folder `newPgliteFrom` names, when it names one, else as an empty cluster.
 */
export async function openDatabase(
  target: DatabaseTarget,
  bounds: DatabaseBounds = GATEWAY_DATABASE_BOUNDS,
  newPgliteFrom?: () => Promise<string | undefined>,
): Promise<Database> {
  if (target.kind === "postgres") {
    return {
      target,
      adapterFactory: new PrismaPg(
        {
          connectionString: target.url,
          connectionTimeoutMillis: bounds.connectTimeoutMs,
          // 0 would be sent as "no timeout" by the server but is dropped by the driver; undefined says so plainly.
          statement_timeout: bounds.statementTimeoutMs || undefined,
          query_timeout: bounds.queryTimeoutMs || undefined,
          // A transaction left open by a client that went away must not hold its locks for ever.
          idle_in_transaction_session_timeout: bounds.statementTimeoutMs ? bounds.statementTimeoutMs * 2 : undefined,
        },
        // The adapter hands the name to node-postgres, for which no name means an unnamed statement.
        { statementNameGenerator: (query) => preparedStatementName(query.sql) as string },
      ),
      close: async () => {},
    };
  }
  if (target.dataDir.includes("://")) return wrapPglite(await createPglite(target.dataDir));
  await mkdir(target.dataDir, { recursive: true });
  const unlock = await lockPgliteDir(target.dataDir);
  try {
    // Looked for under the lock. PostgreSQL's data folder always holds PG_VERSION, and PGlite takes a folder with one
    // for a database: it is copied last, so a copy cut short is copied again at the next start.
    const versionFile = path.join(target.dataDir, "PG_VERSION");
    const from = existsSync(versionFile) ? undefined : await newPgliteFrom?.();
    if (from) {
      const template = path.resolve(from);
      await cp(template, target.dataDir, { recursive: true, filter: (source) => source !== path.join(template, "PG_VERSION") });
      await copyFile(path.join(template, "PG_VERSION"), versionFile);
    }
    const opened = wrapPglite(await createPglite(target.dataDir));
    return { ...opened, close: () => opened.close().finally(unlock) };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/**
 * PGlite runs PostgreSQL inside one WebAssembly memory, which grows and never shrinks: PostgreSQL's default 128 MB of
 * shared buffers, once read through, stayed resident in the embedded gateway for good (pnpm bench, the embedded
 * memory row). A developer's database fits in far less, and the operating system caches its files anyway.
 */
export function createPglite(dataDir: string): Promise<PGlite> {
  return PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"] });
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
