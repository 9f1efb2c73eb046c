// When a failed call may be sent again, and how long to wait first: pure rules, no I/O.
import type { CustosError } from "./custos-error.ts";

export interface RetryOptions {
  /** Further attempts after the first; 0 turns retrying off. Default 2. */
  retries?: number;
  /** The first backoff; each later one doubles, with jitter. Default 300 ms. */
  baseDelayMs?: number;
  /** No wait is longer: a `Retry-After` beyond it ends the retrying and the error is thrown. Default 30 s. */
  maxDelayMs?: number;
}

/** Failures where sending the same operation again can succeed: no answer, or the gateway asking to come back later. */
const TRANSIENT = new Set(["NETWORK_ERROR", "TIMEOUT", "RATE_LIMITED", "DATABASE_UNAVAILABLE"]);
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

export function isTransient(error: CustosError): boolean {
  return TRANSIENT.has(error.code) || (error.status !== undefined && TRANSIENT_STATUS.has(error.status));
}

/**
 * A query reads only, and a mutation that carries an idempotency key records once however often it is sent; any other
 * mutation might be recorded twice, so it is never retried.
 */
export function isSafeToRepeat(query: string, variables: unknown): boolean {
  const operation = query.trimStart();
  if (operation.startsWith("{") || operation.startsWith("query")) return true;
  if (!operation.startsWith("mutation") || typeof variables !== "object" || variables === null) return false;
  const { idempotencyKey, input } = variables as { idempotencyKey?: unknown; input?: { idempotencyKey?: unknown } };
  return typeof (idempotencyKey ?? input?.idempotencyKey) === "string";
}

/** The wait before attempt `attempt + 1` (0-based), or undefined when the error must be thrown instead. */
export function retryDelay(error: CustosError, attempt: number, options: RetryOptions, random = Math.random): number | undefined {
  const { retries = 2, baseDelayMs = 300, maxDelayMs = 30_000 } = options;
  if (attempt >= retries || !isTransient(error)) return undefined;
  if (error.retryAfter !== undefined) {
    const asked = error.retryAfter * 1000;
    return asked <= maxDelayMs ? asked : undefined;
  }
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** `Retry-After` in seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
