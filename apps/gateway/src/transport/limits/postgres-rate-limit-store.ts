import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres } from "rate-limiter-flexible";
import type { Logger } from "../../ground/logger.ts";
import { budgetLimiterStore, type RateLimitStore } from "./rate-limit.ts";

/** The counters' table, rate-limiter-flexible's own layout, made by the first gateway that needs it. */
export const RATE_LIMIT_TABLE = "rate_limit_counts";

export interface PostgresRateLimitStore extends RateLimitStore {
  close(): Promise<void>;
}

async function createTable(pool: pg.Pool) {
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    );
  } catch (error) {
    // Two gateways starting at once: PostgreSQL reports the loser's CREATE as a duplicate type; the table is there.
    if ((error as { code?: string }).code !== "23505") throw error;
  }
}

/**
 * Counts in PostgreSQL, so every gateway on the database shares each allowance: two processes give a caller what one
 * would. A caller already past its budget is refused from this process's memory until the window ends
 * (`inMemoryBlockOnConsumed`), so a flood costs the database one round trip per process, not one per request. If the
 * database does not answer, this process counts alone meanwhile (the insurance limiter) instead of failing requests.
 */
export async function postgresRateLimitStore(url: string, log?: Logger): Promise<PostgresRateLimitStore> {
  // A small pool of its own: counting must not wait behind the gateway's queries, nor hold many connections.
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 2_000, statement_timeout: 2_000 });
  // An idle connection the server drops (a restart, a killed backend) is an 'error' event on the pool: without a
  // listener Node ends the process. The pool has already discarded that connection; the next count opens a new one.
  pool.on("error", (error) => log?.warn("rate-limit store: a database connection was lost", { error: error.message }));
  try {
    await createTable(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    ...budgetLimiterStore(
      ({ points, windowSeconds }, keyPrefix) =>
        new RateLimiterPostgres({
          storeClient: pool,
          storeType: "pool",
          tableName: RATE_LIMIT_TABLE,
          tableCreated: true,
          keyPrefix,
          points,
          duration: windowSeconds,
          inMemoryBlockOnConsumed: points,
          insuranceLimiter: new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix }),
        }),
    ),
    close: () => pool.end(),
  };
}
