import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { type Caller, callerHandle } from "../../ground/caller.ts";
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
  /** What is left of `bucket`'s budget in its window, counting nothing. */
  remaining(bucket: string, budget: RateBudget): Promise<Allowance>;
}

/** What is left of a budget, and when its window ends. */
export interface Allowance {
  points: number;
  retryAfterSeconds: number;
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
    async remaining(bucket, budget) {
      const res = await limiter(budget).get(bucket);
      if (!res) return { points: budget.points, retryAfterSeconds: 0 };
      return {
        points: Math.max(0, budget.points - res.consumedPoints),
        retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      };
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
      return `${caller.kind}:${callerHandle(caller)}`;
  }
}

export interface RateLimiter {
  /** One request of an authenticated (or anonymous) caller. */
  request(caller: Caller, address: string): Promise<RateDecision>;
  /** Counts refused credentials (one unless given) of an address; not allowed once the address is past its budget. */
  refused(address: string, count?: number): Promise<RateDecision>;
  /**
   * The refused credentials an address may still have before its window ends, counting nothing. A route taking a
   * secret asks first and refuses an address with none left, right secret or wrong, so past the budget a guesser
   * learns nothing.
   */
  refusalsLeft(address: string): Promise<Allowance>;
  /** `count` data-subject requests submitted at once from an address without a session or key of its own. */
  submission(address: string, count: number): Promise<RateDecision>;
}

const ALLOWED: RateDecision = { allowed: true };
const countsNothing: RateLimiter = {
  request: async () => ALLOWED,
  refused: async () => ALLOWED,
  refusalsLeft: async () => ({ points: Number.POSITIVE_INFINITY, retryAfterSeconds: 0 }),
  submission: async () => ALLOWED,
};

export function createRateLimiter(settings: RateLimitSettings, store: RateLimitStore = memoryRateLimitStore()): RateLimiter {
  if (settings === "off") return countsNothing;
  const refusals: RateBudget = { points: settings.refusedCredentialsPerMinute, windowSeconds: 60 };
  const submissions: RateBudget = { points: settings.submissionsPerHour, windowSeconds: 3600 };
  return {
    request: (caller, address) =>
      store.consume(callerBucket(caller, address), { points: settings.requestsPerMinute[caller.kind], windowSeconds: 60 }),
    refused: (address, count = 1) => store.consume(`refused:${address}`, refusals, count),
    refusalsLeft: (address) => store.remaining(`refused:${address}`, refusals),
    submission: (address, count) => store.consume(`submitRequest:${address}`, submissions, count),
  };
}
