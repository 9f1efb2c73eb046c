// The gateway process: `pnpm start`. Embedded PGlite by default, PostgreSQL with DATABASE_URL.
import "./app/lean-memory.ts";
import { readFile } from "node:fs/promises";
import { describeTarget, prepareDatabase, type ReadyDatabase, scopeToTenant } from "@custos/db";
import { createApiKey } from "./access/api-key-service.ts";
import { exitWithMessage } from "./app/cli/command-line.ts";
import { type GatewayConfig, loadGatewayConfig } from "./app/config/config.ts";
import { resolveKeyPepper } from "./app/config/key-pepper.ts";
import { startJobRunner } from "./app/jobs/job-runner.ts";
import { startGateway } from "./app/server.ts";
import { createJsonLogger } from "./ground/logger.ts";
import { smtpTransport } from "./outbox/smtp-transport.ts";
import { type PostgresRateLimitStore, postgresRateLimitStore } from "./transport/limits/postgres-rate-limit-store.ts";

let config: GatewayConfig;
try {
  config = loadGatewayConfig();
} catch (error) {
  exitWithMessage(error);
}
const log = createJsonLogger(undefined, config.logLevel);
const { database: target, tenantSlug } = config;
let database: ReadyDatabase | undefined;
let sharedLimits: PostgresRateLimitStore | undefined;

/** A PEM file the configuration names, or a one-line error naming the variable. */
async function pemFile(variable: string, path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`${variable} names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  }
}

/** A database in use by another process, a port in use: said in one line, and the database let go. */
async function startOrExplain() {
  try {
    const keyPepper = await resolveKeyPepper(config);
    const tls = config.tls && {
      cert: await pemFile("CUSTOS_TLS_CERT", config.tls.certPath),
      key: await pemFile("CUSTOS_TLS_KEY", config.tls.keyPath),
    };
    database = await prepareDatabase(target, (line) => log.info(line));
    // Every gateway on a PostgreSQL database shares each caller's allowance; the embedded database has one process.
    if (target.kind === "postgres" && config.rateLimits !== "off") sharedLimits = await postgresRateLimitStore(target.url, log);
    const gateway = await startGateway({
      prisma: database.prisma,
      port: config.port,
      host: config.host,
      tenantSlug,
      log,
      keyPepper,
      production: config.production,
      rateLimits: config.rateLimits,
      rateLimitStore: sharedLimits,
      metricsToken: config.metricsToken,
      tls,
      trustedProxies: config.trustedProxies,
      openId: config.openId,
      deskOrigins: config.deskOrigins,
    });
    return { gateway, keyPepper, database };
  } catch (error) {
    await sharedLimits?.close();
    await database?.close();
    exitWithMessage(error);
  }
}
const { gateway, keyPepper, database: ready } = await startOrExplain();

/** The embedded database is a developer's own: give them a staff key the first time, shown once. */
async function firstStaffKey(): Promise<string | undefined> {
  if (target.kind !== "pglite") return undefined;
  const tenant = await ready.prisma.tenant.findUniqueOrThrow({ where: { slug: tenantSlug } });
  const db = scopeToTenant(ready.prisma, tenant.id);
  if ((await db.apiKey.count({ where: { kind: "STAFF" } })) > 0) return undefined;
  return (await createApiKey(db, tenant.id, keyPepper, { kind: "STAFF", name: "first staff key (npm start)" })).token;
}
const staffKey = await firstStaffKey();

/** Notices are queued whatever happens; they are sent once an SMTP relay is configured. */
function mailTransport() {
  if (!config.mail) {
    log.info("notices stay queued in the outbox until CUSTOS_SMTP_URL names an SMTP relay");
    return undefined;
  }
  // Links in notices must work from the person's mail client: the address the gateway is reached at from outside.
  if (!config.publicUrl) log.info("download links in notices use the gateway's own URL until CUSTOS_PUBLIC_URL is set");
  return smtpTransport(config.mail.smtpUrl, config.mail.from, { publicUrl: config.publicUrl ?? gateway.url }, log);
}
const jobs = await startJobRunner(target, {
  prisma: ready.prisma,
  log,
  transport: mailTransport(),
  noticeMaxAttempts: config.noticeAttempts,
  keyPepper,
});

console.log(`Custos gateway on ${describeTarget(target)}
  GraphQL: ${gateway.url}/graphql
  health:  ${gateway.url}/health
Try:
  curl -s ${gateway.url}/graphql -H 'content-type: application/json' \\
    -d '{"query":"{ purposes { key name legalBasis requiresConsent } }"}'
${staffKey ? `A privacy-staff key for this database, shown once (more with \`pnpm keys create\`):\n  ${staffKey}` : "API keys: `pnpm keys create --kind STAFF --name <name>` (see README)."}`);

/** What an orchestrator allows between SIGTERM and SIGKILL. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/** Stops taking requests, lets those in flight and the job being run finish, closes the database, exits 0. */
let stopping = false;
async function shutdown(signal: string) {
  // A terminal's Ctrl-C reaches both `npm start` and the gateway, and `npm start` passes it on: the second is the same stop.
  if (stopping) return;
  stopping = true;
  log.info("stopping: draining requests and jobs", { signal });
  const overrun = setTimeout(() => {
    log.error("stopping took longer than 10 s; exiting with work unfinished", { signal });
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  overrun.unref();
  await Promise.all([gateway.stop(), jobs.stop()]);
  await sharedLimits?.close();
  await ready.close();
  log.info("stopped", { signal });
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
