// The gateway process: `pnpm start`. Embedded PGlite by default, PostgreSQL with DATABASE_URL.
import { DEFAULT_TENANT_SLUG, databaseTargetFromEnv, describeTarget, prepareDatabase, type ReadyDatabase, scopeToTenant } from "@custos/db";
import { createApiKey } from "./access/api-key-service.ts";
import { resolveKeyPepper } from "./access/key-pepper.ts";
import { exitWithMessage } from "./command-line.ts";
import { rateLimitsFromEnv } from "./limits/rate-limit-settings.ts";
import { createJsonLogger } from "./logger.ts";
import { type OutboxDispatcher, startOutboxDispatcher } from "./outbox/dispatcher.ts";
import { smtpTransport } from "./outbox/smtp-transport.ts";
import { DEFAULT_PORT, startGateway } from "./server.ts";

function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
  return port;
}

const log = createJsonLogger();
const target = databaseTargetFromEnv();
const tenantSlug = process.env.CUSTOS_TENANT ?? DEFAULT_TENANT_SLUG;
let database: ReadyDatabase | undefined;

/** A setting, a database in use by another process, a port in use: said in one line, and the database let go. */
async function startOrExplain() {
  try {
    const port = portFromEnv(process.env.PORT);
    const rateLimits = rateLimitsFromEnv();
    const keyPepper = await resolveKeyPepper(target);
    database = await prepareDatabase(target, (line) => log.info(line));
    const gateway = await startGateway({ prisma: database.prisma, port, host: process.env.HOST, tenantSlug, log, keyPepper, rateLimits });
    return { gateway, keyPepper, database };
  } catch (error) {
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
function startMail(): OutboxDispatcher | undefined {
  const url = process.env.CUSTOS_SMTP_URL?.trim();
  if (!url) {
    log.info("notices stay queued in the outbox until CUSTOS_SMTP_URL names an SMTP relay");
    return undefined;
  }
  const from = process.env.CUSTOS_MAIL_FROM?.trim();
  if (!from) throw new Error("CUSTOS_MAIL_FROM must name the sender address when CUSTOS_SMTP_URL is set.");
  // Links in notices must work from the person's mail client: the address the gateway is reached at from outside.
  const publicUrl = (process.env.CUSTOS_PUBLIC_URL?.trim() || gateway.url).replace(/\/+$/, "");
  if (!process.env.CUSTOS_PUBLIC_URL) log.info("download links in notices use the gateway's own URL until CUSTOS_PUBLIC_URL is set");
  return startOutboxDispatcher(ready.prisma, smtpTransport(url, from, { publicUrl }), log);
}
const mail = startMail();

console.log(`Custos gateway on ${describeTarget(target)}
  GraphQL: ${gateway.url}/graphql
  health:  ${gateway.url}/health
Try:
  curl -s ${gateway.url}/graphql -H 'content-type: application/json' \\
    -d '{"query":"{ purposes { key name legalBasis requiresConsent } }"}'
${staffKey ? `A privacy-staff key for this database, shown once (more with \`pnpm keys create\`):\n  ${staffKey}` : "API keys: `pnpm keys create --kind STAFF --name <name>` (see README)."}`);

async function shutdown(signal: string) {
  log.info("stopping", { signal });
  await mail?.stop();
  await gateway.stop();
  await ready.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
