import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Caller, CallerKind } from "../access/caller.ts";

/**
 * Requests per minute. Browsers share a publishable key, so storefront and anonymous callers are
 * counted per address; a shopper per session subject; apps, partners and staff per key.
 */
export const REQUESTS_PER_MINUTE: Record<CallerKind, number> = {
  anonymous: 60,
  storefront: 120,
  shopper: 120,
  service: 1200,
  partner: 300,
  staff: 600,
  auditor: 600,
};

/**
 * Refused credentials per address and minute. Past it each further refusal is a 429 with Retry-After and no log
 * line, so a guesser cannot flood the log; valid credentials from the same address (a shared NAT) keep working.
 */
export const REFUSED_CREDENTIALS_PER_MINUTE = 20;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A budget: at most `points` in each window of `windowSeconds`. */
export interface RateBudget {
  points: number;
  windowSeconds: number;
}

/**
 * Where counts live. This one is the process's memory, so with N gateway processes a caller gets up to N
 * times each figure; a store shared by all processes (Redis, PostgreSQL) implements the same method.
 */
export interface RateLimitStore {
  /** Counts one use of `bucket` and says whether it was within the budget. */
  consume(bucket: string, budget: RateBudget): Promise<RateDecision>;
}

function retryAfter(res: RateLimiterRes): RateDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

export function memoryRateLimitStore(): RateLimitStore {
  const limiters = new Map<string, RateLimiterMemory>();
  const limiter = ({ points, windowSeconds }: RateBudget) => {
    const id = `${points}/${windowSeconds}`;
    let found = limiters.get(id);
    if (!found) {
      found = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix: id });
      limiters.set(id, found);
    }
    return found;
  };
  return {
    async consume(bucket, budget) {
      try {
        await limiter(budget).consume(bucket);
        return { allowed: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return retryAfter(rejection);
      }
    },
  };
}

function callerBucket(caller: Caller, address: string): string {
  switch (caller.kind) {
    case "anonymous":
      return `anonymous:${address}`;
    case "storefront":
      return `storefront:${caller.keyId}:${address}`;
    case "shopper":
      return `shopper:${caller.tenantId}:${caller.subjectExternalId}`;
    default:
      return `${caller.kind}:${caller.keyId}`;
  }
}

export interface RateLimiter {
  /** One request of an authenticated (or anonymous) caller. */
  request(caller: Caller, address: string): Promise<RateDecision>;
  /** Counts one refused credential of an address; not allowed once the address is past its budget. */
  refused(address: string): Promise<RateDecision>;
  readonly store: RateLimitStore;
}

export function createRateLimiter(
  perMinute: Record<CallerKind, number> = REQUESTS_PER_MINUTE,
  store: RateLimitStore = memoryRateLimitStore(),
  refusedPerMinute = REFUSED_CREDENTIALS_PER_MINUTE,
): RateLimiter {
  const refusals: RateBudget = { points: refusedPerMinute, windowSeconds: 60 };
  return {
    store,
    request: (caller, address) => store.consume(callerBucket(caller, address), { points: perMinute[caller.kind], windowSeconds: 60 }),
    refused: (address) => store.consume(`refused:${address}`, refusals),
  };
}
