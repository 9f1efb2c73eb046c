// Prints the consent check's cost on PostgreSQL with 100 000 subjects: the SQL it runs with EXPLAIN ANALYZE, and the
// per-call latency. `pnpm --filter @custos/gateway bench:consent-check` (CUSTOS_BENCH_POSTGRES_ADMIN_URL to point elsewhere).
import { scopeToTenant } from "@custos/db";
import { PrismaClient } from "@custos/db/client";
import { createMigratedTestDatabase } from "@custos/db/testing";
import { currentConsent } from "../src/consent/check/consent-check.ts";

const adminUrl = process.env.CUSTOS_BENCH_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SUBJECTS = 100_000;
const CALLS = 2000;

await using database = await createMigratedTestDatabase("postgres", adminUrl);
const tenant = await database.prisma.tenant.findFirstOrThrow();
const tenantId = tenant.id;
const started = performance.now();
await database.prisma.$executeRaw`
  INSERT INTO "DataSubject" (id, "tenantId", "externalId")
  SELECT gen_random_uuid(), ${tenantId}::uuid, 'cust-' || g FROM generate_series(1, ${SUBJECTS}) g`;
// Current-state rows as the ledger leaves them: every subject decided on marketing, every other one on analytics cookies.
await database.prisma.$executeRaw`
  INSERT INTO "ConsentState" ("subjectId", "purposeId", decision, channel, "lastEventId", "decidedAt", "policyVersionId")
  SELECT s.id, p.id, 'GRANTED', 'BANNER', gen_random_uuid(), now(), v.id
  FROM "DataSubject" s, "Purpose" p, "PolicyVersion" v
  WHERE s."tenantId" = ${tenantId}::uuid AND p."tenantId" = s."tenantId" AND p.key = 'marketing'
    AND v."tenantId" = s."tenantId" AND v.kind = 'PRIVACY'`;
await database.prisma.$executeRaw`
  INSERT INTO "CookieConsentState" ("subjectId", "cookieCategoryId", decision, channel, "lastEventId", "decidedAt")
  SELECT s.id, c.id, 'GRANTED', 'BANNER', gen_random_uuid(), now()
  FROM "DataSubject" s, "CookieCategory" c
  WHERE s."tenantId" = ${tenantId}::uuid AND c."tenantId" = s."tenantId" AND c.key = 'analytics' AND right(s."externalId", 1) IN ('0', '2', '4', '6', '8')`;
await database.prisma.$executeRawUnsafe("ANALYZE");
console.log(`seeded ${SUBJECTS} subjects with their current state in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const logged = new PrismaClient({ adapter: database.db.adapterFactory, log: [{ emit: "event", level: "query" }] });
const queries: { query: string; params: string }[] = [];
logged.$on("query", (event) => queries.push({ query: event.query, params: event.params }));
const ctx = {
  caller: { kind: "service", tenantId, keyId: "bench", keyPrefix: "bench", dataSystemId: "bench" } as const,
  tenantId,
  requestId: "bench",
};
await currentConsent(scopeToTenant(logged, tenantId), ctx, "cust-54321");
await logged.$disconnect();
console.log("\nSQL of one consent check, with EXPLAIN ANALYZE:");
for (const { query, params } of queries) {
  if (query.startsWith("INSERT") || query === "BEGIN" || query === "COMMIT") {
    console.log(`\n-- ${query.slice(0, 160)}${query.length > 160 ? " …" : ""}\n   (the audit entry of the read)`);
    continue;
  }
  console.log(`\n-- ${query}\n-- params ${params}`);
  const plan = await database.prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS) ${query}`,
    ...(JSON.parse(params) as unknown[]),
  );
  for (const row of plan) console.log(`   ${row["QUERY PLAN"]}`);
}

const db = scopeToTenant(database.prisma, tenantId);
const latencies: number[] = [];
for (let call = 0; call < CALLS; call++) {
  const callStarted = performance.now();
  await currentConsent(db, ctx, `cust-${1 + ((call * 7919) % SUBJECTS)}`);
  latencies.push(performance.now() - callStarted);
}
latencies.sort((a, b) => a - b);
const at = (fraction: number) => (latencies[Math.floor(fraction * (latencies.length - 1))] ?? 0).toFixed(2);
console.log(
  `\n${CALLS} consent checks (service function, audit entry included, no HTTP): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`,
);
