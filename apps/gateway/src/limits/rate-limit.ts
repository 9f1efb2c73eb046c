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

function bucket(caller: Caller, address: string): string {
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

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts in this process's memory: with N gateway processes a caller gets up to N times the figure. */
export function createRateLimiter(perMinute: Record<CallerKind, number> = REQUESTS_PER_MINUTE) {
  const limiters = new Map(
    Object.entries(perMinute).map(([kind, points]) => [kind, new RateLimiterMemory({ points, duration: 60, keyPrefix: kind })]),
  );
  return async (caller: Caller, address: string): Promise<RateDecision> => {
    const limiter = limiters.get(caller.kind);
    if (!limiter) throw new Error(`No rate limit for ${caller.kind}`);
    try {
      await limiter.consume(bucket(caller, address));
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };
}
