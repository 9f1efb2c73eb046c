// The gateway process: `pnpm start`. Embedded PGlite by default, PostgreSQL with DATABASE_URL.
import { databaseTargetFromEnv, describeTarget, prepareDatabase } from "@custos/db";
import { createJsonLogger } from "./logger.ts";
import { DEFAULT_PORT, startGateway } from "./server.ts";

function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
  return port;
}

const log = createJsonLogger();
const target = databaseTargetFromEnv();
const port = portFromEnv(process.env.PORT);
const database = await prepareDatabase(target, (line) => log.info(line));
const gateway = await startGateway({ prisma: database.prisma, port, host: process.env.HOST, tenantSlug: process.env.CUSTOS_TENANT, log });

console.log(`Custos gateway on ${describeTarget(target)}
  GraphQL: ${gateway.url}/graphql
  health:  ${gateway.url}/health
Try:
  curl -s ${gateway.url}/graphql -H 'content-type: application/json' \\
    -d '{"query":"{ purposes { key name legalBasis requiresConsent } }"}'`);

async function shutdown(signal: string) {
  log.info("stopping", { signal });
  await gateway.stop();
  await database.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
