import { CALLER_KINDS, type CallerKind } from "../access/caller.ts";

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

/** The variables, documented in the README's configuration table. */
export const RATE_LIMIT_VARIABLES = {
  switch: "CUSTOS_RATE_LIMITS",
  perKind: (kind: CallerKind) => `CUSTOS_RATE_LIMIT_${kind.toUpperCase()}`,
  refusedCredentials: "CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS",
  submissions: "CUSTOS_RATE_LIMIT_SUBMISSIONS",
} as const;

function allowance(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of at least 1, not "${raw}".`);
  }
  return value;
}

/** Reads the allowances from the environment; a bad value is an error that names the variable. */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  const switchValue = env[RATE_LIMIT_VARIABLES.switch]?.trim().toLowerCase();
  if (switchValue === "off") return "off";
  if (switchValue !== undefined && switchValue !== "" && switchValue !== "on") {
    throw new Error(`${RATE_LIMIT_VARIABLES.switch} must be "on" or "off", not "${env[RATE_LIMIT_VARIABLES.switch]}".`);
  }
  const defaults = DEFAULT_RATE_LIMITS;
  return {
    requestsPerMinute: Object.fromEntries(
      CALLER_KINDS.map((kind) => [kind, allowance(env, RATE_LIMIT_VARIABLES.perKind(kind), defaults.requestsPerMinute[kind])]),
    ) as Record<CallerKind, number>,
    refusedCredentialsPerMinute: allowance(env, RATE_LIMIT_VARIABLES.refusedCredentials, defaults.refusedCredentialsPerMinute),
    submissionsPerHour: allowance(env, RATE_LIMIT_VARIABLES.submissions, defaults.submissionsPerHour),
  };
}
