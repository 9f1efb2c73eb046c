// Every setting the gateway and its commands read from the environment, checked once at start (the README's
// configuration table lists the same variables). Nothing else in the gateway reads process.env.
import { isIP } from "node:net";
import { type DatabaseTarget, DEFAULT_TENANT_SLUG, databaseTargetFromEnv } from "@custos/db";
import { z } from "zod";
import type { OpenIdSettings } from "../../access/staff-sign-in.ts";
import { CALLER_KINDS, type CallerKind } from "../../ground/caller.ts";
import { LOG_LEVELS, type LogLevel } from "../../ground/logger.ts";
import { NOTICE_MAX_ATTEMPTS } from "../../outbox/outbox-service.ts";
import { DEFAULT_RATE_LIMITS, RATE_LIMIT_VARIABLES, type RateLimitSettings } from "../../transport/limits/rate-limit-settings.ts";

export const DEFAULT_PORT = 4000;

/** A missing or bad setting: its message is one line naming the variable, for a person to fix, with no stack. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Variables whose values are secrets: their values are never repeated in an error. */
const SECRET = new Set(["CUSTOS_KEY_PEPPER", "CUSTOS_SMTP_URL", "CUSTOS_METRICS_TOKEN"]);

/** An empty or blank variable is the same as an unset one. */
const unsetIfBlank = (value: unknown) => (typeof value === "string" ? value.trim() || undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema.optional());
const text = optional(z.string());
const wholeNumber = (minimum: number, maximum?: number) => {
  const message = `must be a whole number ${maximum === undefined ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`}`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((value) => Number.isSafeInteger(value) && value >= minimum && value <= (maximum ?? Number.MAX_SAFE_INTEGER), message);
};
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const onOff = z.enum(["on", "off"], { error: 'must be "on" or "off"' });

const perKindVariables = Object.fromEntries(CALLER_KINDS.map((kind) => [RATE_LIMIT_VARIABLES.perKind(kind), optional(wholeNumber(1))]));

/** The values NODE_ENV may have; any other (`prod`, `staging`) would quietly run without production's guards. */
export const NODE_ENVIRONMENTS = ["development", "production", "test"] as const;

const environment = z.object({
  NODE_ENV: optional(z.enum(NODE_ENVIRONMENTS, { error: `must be one of ${NODE_ENVIRONMENTS.join(", ")}, or unset` })),
  PORT: optional(wholeNumber(0, 65535)),
  HOST: text,
  DATABASE_URL: text,
  CUSTOS_DATA_DIR: text,
  CUSTOS_EMBEDDED: optional(z.enum(["1"], { error: 'must be "1" (run production on the embedded database on purpose) or unset' })),
  CUSTOS_TENANT: text,
  CUSTOS_KEY_PEPPER: optional(z.string().min(32, "must be at least 32 characters")),
  CUSTOS_SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })),
  CUSTOS_MAIL_FROM: optional(z.email({ error: "must be an e-mail address" })),
  CUSTOS_PUBLIC_URL: optional(httpUrl),
  CUSTOS_NOTICE_ATTEMPTS: optional(wholeNumber(1, 100)),
  CUSTOS_METRICS_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),
  CUSTOS_TLS_CERT: text,
  CUSTOS_TLS_KEY: text,
  CUSTOS_TRUSTED_PROXIES: optional(
    z
      .string()
      .transform((list) =>
        list
          .split(",")
          .map((address) => address.trim())
          .filter((address) => address !== ""),
      )
      .refine((list) => list.every((address) => isIP(address) !== 0), "must be a comma-separated list of IP addresses"),
  ),
  CUSTOS_OIDC_ISSUER: optional(httpUrl),
  CUSTOS_OIDC_AUDIENCE: text,
  CUSTOS_OIDC_JWKS_URL: optional(httpUrl),
  CUSTOS_OIDC_ROLES_CLAIM: optional(z.string().regex(/^[\w.:/-]{1,100}$/, "must be a claim name")),
  CUSTOS_DESK_ORIGINS: optional(
    z
      .string()
      .transform((list) =>
        list
          .split(",")
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ""),
      )
      .refine(
        (list) => list.every((origin) => URL.canParse(origin) && new URL(origin).origin === origin),
        "must be a comma-separated list of origins (https://desk.example.com)",
      ),
  ),
  CUSTOS_LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })),
  CUSTOS_RATE_LIMITS: optional(z.preprocess((value) => (typeof value === "string" ? value.toLowerCase() : value), onOff)),
  [RATE_LIMIT_VARIABLES.refusedCredentials]: optional(wholeNumber(1)),
  [RATE_LIMIT_VARIABLES.submissions]: optional(wholeNumber(1)),
  ...perKindVariables,
});
type Environment = z.infer<typeof environment>;

/** Every CUSTOS_ variable the gateway and its commands read: the schema's own keys, so the two cannot drift apart. */
export const KNOWN_SETTINGS: readonly string[] = Object.keys(environment.shape).filter((name) => name.startsWith("CUSTOS_"));

/**
 * CUSTOS_ variables read by the repository's scripts and tests (and the SDK README's example client), not by the
 * gateway: a gateway started under them inherits them, so they are not refused.
 */
const TOOLING_VARIABLES: readonly string[] = [
  "CUSTOS_TEST_POSTGRES",
  "CUSTOS_FUZZ_CASES",
  "CUSTOS_FUZZ_SEED",
  "CUSTOS_FAULT_WRITES",
  "CUSTOS_FAULT_KILLS",
  "CUSTOS_BENCH_POSTGRES_ADMIN_URL",
  "CUSTOS_NEED_POSTGRES_PROGRAMS",
  "CUSTOS_UPDATE_LOCKFILE",
  "CUSTOS_RELEASE_BASE",
  "CUSTOS_SERVICE_KEY",
];

/** Edits (insertions, deletions, substitutions) between two names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** A CUSTOS_ variable nobody reads is a misspelt setting (CUSTOS_RATE_LIMIT_STAF): one line each, naming it. */
function unknownSettings(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith("CUSTOS_") && !KNOWN_SETTINGS.includes(name) && !TOOLING_VARIABLES.includes(name))
    .sort()
    .map((name) => {
      const nearest = KNOWN_SETTINGS.find((known) => distance(name, known) <= 2);
      return `${name} is not a Custos setting${nearest ? `; did you mean ${nearest}?` : " (see the README's Configuration section); unset it."}`;
    });
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
}

/** What the commands (`pnpm keys`, `pnpm systems`, `pnpm retention`) need: the database and the pepper. */
export interface DatabaseConfig {
  database: DatabaseTarget;
  production: boolean;
  /** Set: the one secret every process on the database shares; unset: a development checkout's own (key-pepper.ts). */
  keyPepper: string | undefined;
}

export interface GatewayConfig extends DatabaseConfig {
  port: number;
  host: string;
  tenantSlug: string;
  /** Unset: notices stay queued in the outbox. */
  mail: MailConfig | undefined;
  /** The base URL links in notices start with; unset, the gateway's own URL. */
  publicUrl: string | undefined;
  /** Attempts before a notice goes to the dead-letter list. */
  noticeAttempts: number;
  /** Paths of the PEM certificate (chain) and key the gateway serves HTTPS with; unset, plain HTTP. */
  tls: { certPath: string; keyPath: string } | undefined;
  /** Reverse proxies that terminate TLS in front of the gateway: their X-Forwarded-For names the client. */
  trustedProxies: string[];
  /** The bearer token for GET /metrics; unset, metrics are off. */
  metricsToken: string | undefined;
  logLevel: LogLevel;
  rateLimits: RateLimitSettings;
  /** The company's OpenID provider staff and auditors sign in with; unset, staff use API keys only. */
  openId: OpenIdSettings | undefined;
  /** Origins of the privacy desk (a staff web app on another origin), allowed by CORS beside the storefronts' keys. */
  deskOrigins: string[];
}

/** The claim roles are read from when CUSTOS_OIDC_ROLES_CLAIM is unset. */
export const DEFAULT_ROLES_CLAIM = "custos_roles";

function issueLine(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0]);
  const raw = env[name];
  const shown = raw === undefined || SECRET.has(name) ? "" : `, not "${raw}"`;
  return `${name} ${issue.message}${shown}.`;
}

function parseEnvironment<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  const problems = [...unknownSettings(env), ...(parsed.success ? [] : parsed.error.issues.map((issue) => issueLine(issue, env)))];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems.join(" "));
  return parsed.data;
}

const databaseVariables = environment.pick({
  NODE_ENV: true,
  DATABASE_URL: true,
  CUSTOS_DATA_DIR: true,
  CUSTOS_EMBEDDED: true,
  CUSTOS_KEY_PEPPER: true,
});
type DatabaseVariables = z.infer<typeof databaseVariables>;

function databaseTarget(values: DatabaseVariables, production: boolean, env: NodeJS.ProcessEnv): DatabaseTarget {
  let target: DatabaseTarget;
  try {
    target = databaseTargetFromEnv(env);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  // The embedded database lives in one folder of one machine, has no backups and serves one process: a production
  // deploy that forgot DATABASE_URL must not quietly keep its records there.
  if (target.kind === "pglite" && production && values.CUSTOS_EMBEDDED !== "1") {
    throw new ConfigError(
      "DATABASE_URL must name PostgreSQL when NODE_ENV=production; to run production on the embedded database on purpose, set CUSTOS_EMBEDDED=1.",
    );
  }
  return target;
}

function rateLimits(values: Environment): RateLimitSettings {
  if (values.CUSTOS_RATE_LIMITS === "off") return "off";
  const number = (name: string) => values[name as keyof Environment] as number | undefined;
  const defaults = DEFAULT_RATE_LIMITS;
  return {
    requestsPerMinute: Object.fromEntries(
      CALLER_KINDS.map((kind) => [kind, number(RATE_LIMIT_VARIABLES.perKind(kind)) ?? defaults.requestsPerMinute[kind]]),
    ) as Record<CallerKind, number>,
    refusedCredentialsPerMinute: number(RATE_LIMIT_VARIABLES.refusedCredentials) ?? defaults.refusedCredentialsPerMinute,
    submissionsPerHour: number(RATE_LIMIT_VARIABLES.submissions) ?? defaults.submissionsPerHour,
  };
}

function mail(values: Environment): MailConfig | undefined {
  if (!values.CUSTOS_SMTP_URL) return undefined;
  if (!values.CUSTOS_MAIL_FROM) throw new ConfigError("CUSTOS_MAIL_FROM must name the sender address when CUSTOS_SMTP_URL is set.");
  return { smtpUrl: values.CUSTOS_SMTP_URL, from: values.CUSTOS_MAIL_FROM };
}

function tls(values: Environment): GatewayConfig["tls"] {
  const { CUSTOS_TLS_CERT: certPath, CUSTOS_TLS_KEY: keyPath, CUSTOS_TRUSTED_PROXIES: proxies, NODE_ENV } = values;
  if ((certPath === undefined) !== (keyPath === undefined))
    throw new ConfigError("CUSTOS_TLS_CERT and CUSTOS_TLS_KEY must be set together.");
  // The Art. 30 record says connections are encrypted: a production gateway serves TLS itself or sits behind a proxy that does.
  if (NODE_ENV === "production" && !certPath && !proxies?.length) {
    throw new ConfigError(
      "NODE_ENV=production needs TLS: set CUSTOS_TLS_CERT and CUSTOS_TLS_KEY, or CUSTOS_TRUSTED_PROXIES to the reverse proxies that terminate it.",
    );
  }
  return certPath && keyPath ? { certPath, keyPath } : undefined;
}

function openId(values: Environment): OpenIdSettings | undefined {
  const { CUSTOS_OIDC_ISSUER: issuer, CUSTOS_OIDC_AUDIENCE: audience, CUSTOS_OIDC_JWKS_URL: jwksUrl } = values;
  if (issuer === undefined && audience === undefined && jwksUrl === undefined) return undefined;
  if (!issuer || !audience || !jwksUrl)
    throw new ConfigError("CUSTOS_OIDC_ISSUER, CUSTOS_OIDC_AUDIENCE and CUSTOS_OIDC_JWKS_URL must be set together.");
  return { issuer, audience, jwksUrl, rolesClaim: values.CUSTOS_OIDC_ROLES_CLAIM ?? DEFAULT_ROLES_CLAIM };
}

function databaseConfig(values: DatabaseVariables, env: NodeJS.ProcessEnv): DatabaseConfig {
  const production = values.NODE_ENV === "production";
  return { database: databaseTarget(values, production, env), production, keyPepper: values.CUSTOS_KEY_PEPPER };
}

/** The commands' settings: a bad gateway-only variable (PORT, SMTP) does not stop `pnpm keys`. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return databaseConfig(parseEnvironment(databaseVariables, env), env);
}

/** The gateway's settings, all checked before anything opens: every problem found is in the one error. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const values = parseEnvironment(environment, env);
  return {
    ...databaseConfig(values, env),
    port: values.PORT ?? DEFAULT_PORT,
    host: values.HOST ?? "127.0.0.1",
    tenantSlug: values.CUSTOS_TENANT ?? DEFAULT_TENANT_SLUG,
    mail: mail(values),
    publicUrl: values.CUSTOS_PUBLIC_URL?.replace(/\/+$/, ""),
    noticeAttempts: values.CUSTOS_NOTICE_ATTEMPTS ?? NOTICE_MAX_ATTEMPTS,
    tls: tls(values),
    trustedProxies: values.CUSTOS_TRUSTED_PROXIES ?? [],
    metricsToken: values.CUSTOS_METRICS_TOKEN,
    logLevel: values.CUSTOS_LOG_LEVEL ?? "info",
    rateLimits: rateLimits(values),
    openId: openId(values),
    deskOrigins: values.CUSTOS_DESK_ORIGINS ?? [],
  };
}
