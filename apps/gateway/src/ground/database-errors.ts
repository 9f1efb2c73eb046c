/**
 * Telling database failures apart: one that does not answer gets a retryable 503 with Retry-After instead of a
 * 500 (nothing the client sent was wrong, and nothing was written), and a value the database refuses to store
 * (a cursor's id that is not a UUID, a number or date out of range) is the caller's mistake, not the server's.
 */

/** What a client is told to wait before retrying. Connection and statement timeouts are a few seconds. */
export const RETRY_AFTER_SECONDS = 5;

/** Prisma's codes for a server that cannot be reached, closed the connection, or did not answer in time. */
const PRISMA_OUTAGE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037"]);
/** Driver adapter error kinds with the same meaning. */
const ADAPTER_OUTAGE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** PostgreSQL SQLSTATEs: query cancelled (statement timeout), server shutting down or starting, lock timeout, connection exceptions. */
const POSTGRES_OUTAGE_STATES = /^(57014|57P0[1-4]|55P03|53300|08...)$/;
/** node-postgres's own messages for a connection that broke or timed out (it throws plain Errors). */
const DRIVER_OUTAGE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection error|ECONNREFUSED|ECONNRESET|ETIMEDOUT|statement timeout|Transaction already closed|Unable to start a transaction/i;

function looksLikeOutage(value: Record<string, unknown>): boolean {
  const { code, kind, message, originalCode } = value;
  if (typeof code === "string" && (PRISMA_OUTAGE_CODES.has(code) || POSTGRES_OUTAGE_STATES.test(code))) return true;
  if (typeof originalCode === "string" && POSTGRES_OUTAGE_STATES.test(originalCode)) return true;
  if (typeof kind === "string" && ADAPTER_OUTAGE_KINDS.has(kind)) return true;
  return typeof message === "string" && DRIVER_OUTAGE_MESSAGES.test(message);
}

/** Prisma's codes for a value that does not fit its column; SQLSTATE class 22 is PostgreSQL's "data exception". */
const PRISMA_VALUE_CODES = new Set(["P2000", "P2007", "P2020", "P2023"]);
const ADAPTER_VALUE_KINDS = new Set(["InvalidInputValue", "ValueOutOfRange", "LengthMismatch"]);

function looksLikeRefusedValue(value: Record<string, unknown>): boolean {
  const { code, kind, originalCode } = value;
  if (typeof code === "string" && PRISMA_VALUE_CODES.has(code)) return true;
  if (typeof originalCode === "string" && originalCode.startsWith("22")) return true;
  return typeof kind === "string" && ADAPTER_VALUE_KINDS.has(kind);
}

function someWrapped(error: unknown, test: (value: Record<string, unknown>) => boolean, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const value = error as Record<string, unknown>;
  if (test(value)) return true;
  return ["cause", "meta", "driverAdapterError", "originalError"].some((key) => someWrapped(value[key], test, depth + 1));
}

/** SQLSTATEs of a write that collided with another writer's row: a foreign key or a unique key. */
const LOST_RACE_STATES = new Set(["23503", "23505"]);

function looksLikeLostRace(value: Record<string, unknown>): boolean {
  const { code, originalCode } = value;
  return (
    (typeof code === "string" && LOST_RACE_STATES.has(code)) || (typeof originalCode === "string" && LOST_RACE_STATES.has(originalCode))
  );
}

/** Whether a write failed on a row another writer made since it read (the consent sequencer then tries again). */
export function isLostRace(error: unknown): boolean {
  return someWrapped(error, looksLikeLostRace);
}

/** Whether the database refused a value the caller sent, as not fitting its column. */
export function isRefusedValue(error: unknown): boolean {
  return someWrapped(error, looksLikeRefusedValue);
}

/** Whether `error`, or anything it wraps (cause, Prisma's meta, a driver adapter error), says the database is out. */
export function isDatabaseOutage(error: unknown): boolean {
  return someWrapped(error, looksLikeOutage);
}

/** Resolves with `work`'s result, or rejects once `ms` have passed; the work itself goes on. */
export function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
