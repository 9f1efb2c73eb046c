import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Caller } from "../../ground/caller.ts";
import type { RateLimitSettings } from "./rate-limit-settings.ts";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A budget: at most `points` in each window of `windowSeconds`. */
export interface RateBudget {
  points: number;
  windowSeconds: number;
}

/**
 * Where counts live: this process's memory (one gateway, the embedded database), or PostgreSQL, shared by every
 * gateway on the database (postgres-rate-limit-store.ts).
 */
export interface RateLimitStore {
  /** Counts `points` uses (one unless given) of `bucket` and says whether they were within the budget. */
  consume(bucket: string, budget: RateBudget, points?: number): Promise<RateDecision>;
}

/** A refusal that says when the caller's window ends. */
function refusedUntilWindowEnds(res: RateLimiterRes): RateDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/**
 * A store over rate-limiter-flexible limiters, one per budget (made the first time the budget is used, keyed by it),
 * whichever backend `makeLimiter` counts in.
 */
export function budgetLimiterStore(makeLimiter: (budget: RateBudget, keyPrefix: string) => RateLimiterAbstract): RateLimitStore {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiter = (budget: RateBudget) => {
    const keyPrefix = `${budget.points}/${budget.windowSeconds}`;
    let found = limiters.get(keyPrefix);
    if (!found) {
      found = makeLimiter(budget, keyPrefix);
      limiters.set(keyPrefix, found);
    }
    return found;
  };
  return {
    async consume(bucket, budget, points = 1) {
      try {
        await limiter(budget).consume(bucket, points);
        return { allowed: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return refusedUntilWindowEnds(rejection);
      }
    },
  };
}

export function memoryRateLimitStore(): RateLimitStore {
  return budgetLimiterStore(
    ({ points, windowSeconds }, keyPrefix) => new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix }),
  );
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
  /** `count` data-subject requests submitted at once from an address without a session or key of its own. */
  submission(address: string, count: number): Promise<RateDecision>;
}

const ALLOWED: RateDecision = { allowed: true };
const countsNothing: RateLimiter = { request: async () => ALLOWED, refused: async () => ALLOWED, submission: async () => ALLOWED };

export function createRateLimiter(settings: RateLimitSettings, store: RateLimitStore = memoryRateLimitStore()): RateLimiter {
  if (settings === "off") return countsNothing;
  const refusals: RateBudget = { points: settings.refusedCredentialsPerMinute, windowSeconds: 60 };
  const submissions: RateBudget = { points: settings.submissionsPerHour, windowSeconds: 3600 };
  return {
    request: (caller, address) =>
      store.consume(callerBucket(caller, address), { points: settings.requestsPerMinute[caller.kind], windowSeconds: 60 }),
    refused: (address) => store.consume(`refused:${address}`, refusals),
    submission: (address, count) => store.consume(`submitRequest:${address}`, submissions, count),
  };
}
