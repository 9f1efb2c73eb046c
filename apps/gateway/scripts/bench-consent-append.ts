// Prints what the per-tenant ledger lock costs: decisions per second with 1, 4 and 16 concurrent writers on
// PostgreSQL. `pnpm --filter @custos/gateway bench:consent-append` (CUSTOS_BENCH_POSTGRES_ADMIN_URL to point elsewhere).
import { scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase } from "@custos/db/testing";
import { recordConsentDecision } from "../src/consent/consent-service.ts";

const adminUrl = process.env.CUSTOS_BENCH_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DECISIONS_PER_RUN = 600;

await using database = await createMigratedTestDatabase("postgres", adminUrl);
const tenant = await database.prisma.tenant.findFirstOrThrow();
const db = scopeToTenant(database.prisma, tenant.id);
const ctx = {
  caller: { kind: "staff", tenantId: tenant.id, keyId: "bench", keyPrefix: "bench" } as const,
  tenantId: tenant.id,
  requestId: "bench",
  keyPepper: "bench-pepper-that-is-long-enough-for-hkdf",
};

async function run(writers: number, label: string): Promise<void> {
  const perWriter = DECISIONS_PER_RUN / writers;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = 0; index < perWriter; index++) {
        await recordConsentDecision(db, ctx, {
          subjectId: `${label}-${writer}-${index % 25}`,
          purposeKey: "marketing",
          decision: index % 2 === 0 ? "GRANTED" : "WITHDRAWN",
          channel: "API",
          jurisdiction: null,
          policyVersionId: null,
          proof: { userAgent: "bench", ipAddress: "192.0.2.10", pageUrl: "https://shop.test/" },
          gpc: null,
          tcString: null,
          gppString: null,
          idempotencyKey: null,
          expiresAt: null,
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${String(writers).padStart(2)} writers: ${DECISIONS_PER_RUN} decisions in ${seconds.toFixed(2)} s = ` +
      `${(DECISIONS_PER_RUN / seconds).toFixed(0)} decisions/s, ${((seconds * 1000 * writers) / DECISIONS_PER_RUN).toFixed(1)} ms per decision per writer`,
  );
}

await run(1, "warm-up");
for (const writers of [1, 4, 16]) await run(writers, `w${writers}`);
const head = await database.prisma.consentChainHead.findUniqueOrThrow({ where: { tenantId: tenant.id } });
const events = await database.prisma.consentEvent.count();
console.log(`chain head at sequence ${head.sequence}, ${events} events: ${head.sequence === events ? "no gaps" : "MISMATCH"}`);
