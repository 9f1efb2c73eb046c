import type { CallerKind } from "../../ground/caller.ts";

/** Every allowance the gateway counts, or "off": a benchmark or a gateway behind a limiting proxy counts nothing. */
export type RateLimitSettings =
  | "off"
  | {
      requestsPerMinute: Record<CallerKind, number>;
      refusedCredentialsPerMinute: number;
      submissionsPerHour: number;
    };

export const DEFAULT_RATE_LIMITS: Exclude<RateLimitSettings, "off"> = {
  /**
   * Requests per minute. Browsers share a publishable key, so storefront and anonymous callers are
   * counted per address; a shopper per session subject; apps, partners and staff per key.
   */
  requestsPerMinute: { anonymous: 60, storefront: 120, shopper: 120, service: 1200, partner: 300, staff: 600, auditor: 600 },
  /**
   * Refused credentials per address and minute. Past it each further refusal is a 429 with Retry-After and no log
   * line, so a guesser cannot flood the log; valid credentials from the same address (a shared NAT) keep working.
   */
  refusedCredentialsPerMinute: 20,
  /**
   * Data-subject requests one address may submit an hour without a session or key of its own (an office behind one
   * NAT shares it). Each queues e-mail, so besides the per-mailbox limit (requests/contact-address.ts) a sender is
   * limited however many mailboxes it names.
   */
  submissionsPerHour: 30,
};

/** The variables, read with the rest of the configuration (config/config.ts) and documented in the README's table. */
export const RATE_LIMIT_VARIABLES = {
  switch: "CUSTOS_RATE_LIMITS",
  perKind: (kind: CallerKind) => `CUSTOS_RATE_LIMIT_${kind.toUpperCase()}`,
  refusedCredentials: "CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS",
  submissions: "CUSTOS_RATE_LIMIT_SUBMISSIONS",
} as const;
