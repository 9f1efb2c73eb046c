// Requests per second through the whole gateway (credentials, scope checks, tenant scope, audit write), on an
// in-memory PGlite, or on PostgreSQL when DATABASE_URL names a database that `pnpm db migrate && pnpm db seed` prepared.
// `pnpm --filter @custos/gateway bench:gateway [seconds] [concurrency]`; prints its figures.
import { DEFAULT_TENANT_SLUG, databaseTargetFromEnv, describeTarget, prepareDatabase, scopeToTenant } from "@custos/db";
import { createApiKey } from "../src/access/api-key-service.ts";
import { silentLogger } from "../src/logger.ts";
import { startGateway } from "../src/server.ts";

const seconds = Number(process.argv[2] ?? 10);
const concurrency = Number(process.argv[3] ?? 16);
const target = process.env.DATABASE_URL ? databaseTargetFromEnv() : ({ kind: "pglite", dataDir: "memory://" } as const);
const database = await prepareDatabase(target);
const tenant = await database.prisma.tenant.findUniqueOrThrow({ where: { slug: DEFAULT_TENANT_SLUG } });
const pepper = "benchmark-pepper-benchmark-pepper-benchmark";
const gateway = await startGateway({
  prisma: database.prisma,
  port: 0,
  log: silentLogger,
  keyPepper: pepper,
  rateLimits: "off",
});
const { token } = await createApiKey(scopeToTenant(database.prisma, tenant.id), tenant.id, pepper, {
  kind: "STAFF",
  name: `bench ${Date.now()}`,
});

const operations = {
  "anonymous purposes": { query: "{ purposes { key legalBasis } }", token: undefined },
  "staff consentState (audited read)": { query: '{ consentState(subjectId: "bench-1") { purposes { status } } }', token },
};

async function measure(query: string, credential: string | undefined) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (credential) headers.authorization = `Bearer ${credential}`;
  const body = JSON.stringify({ query });
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const response = await fetch(`${gateway.url}/graphql`, { method: "POST", headers, body });
        const result = (await response.json()) as { errors?: unknown };
        if (!response.ok || result.errors) failures += 1;
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
  return { requests: latencies.length, perSecond: (latencies.length / seconds).toFixed(0), p50: at(0.5), p95: at(0.95), failures };
}

console.log(`gateway on ${describeTarget(target)}, ${concurrency} concurrent clients in this process, ${seconds} s per operation`);
for (const [name, { query, token: credential }] of Object.entries(operations)) {
  const result = await measure(query, credential);
  console.log(
    `${name}: ${result.perSecond} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms (${result.requests} requests, ${result.failures} failed)`,
  );
}
await gateway.stop();
await database.close();
