// The bulk consent check a company app makes before a campaign: every seeded subject ("bench-1" … "bench-<count>")
// checked for marketing through the API with the service key, in calls of the most ids one call takes; the baseline
// is the check's own SQL statement alone over the same batches, so the row shows what the API adds to the database.
import { scopeToTenant } from "@custos/db";
import { MAX_BULK_SUBJECTS, readKnownSubjects } from "../src/consent/check/bulk-consent-check.ts";
import type { BenchDatabase } from "./setup.ts";

const BULK = {
  query: 'query ($subjectIds: [String!]!) { consentStates(purpose: "marketing", subjectIds: $subjectIds) { subjectId processingAllowed } }',
};
/** Calls in flight at once: enough to keep the gateway and the database busy together on two cores. */
const CALLS_AT_ONCE = 2;
/** Unmeasured calls first, so JIT and the connection pool are warm, as for the other rows. */
const WARM_CALLS = 2;

export interface BulkCheckFigures {
  subjects: number;
  calls: number;
  seconds: number;
  subjectsPerSecond: number;
  /** The time for a million subjects at the measured rate: the goal is stated per million. */
  secondsPerMillion: number;
  /** The same for the check's SQL statement alone, run from the harness over the same batches. */
  sqlSecondsPerMillion: number;
  /** Calls that failed or answered other than the seed decided. */
  failed: number;
  sample: string;
}

/** The seed withdraws subjects whose number ends in 1, 3 or 5 and grants the rest (setup.ts). */
const seededAllowed = (subjectId: string) => !/[135]$/.test(subjectId);

async function checkOnce(url: string, token: string, subjectIds: readonly string[]): Promise<string | null> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ ...BULK, variables: { subjectIds } }),
  });
  const text = await response.text();
  if (!response.ok) return `HTTP ${response.status}: ${text.slice(0, 200)}`;
  const answer = JSON.parse(text) as { data?: { consentStates: { subjectId: string; processingAllowed: boolean }[] }; errors?: unknown };
  const entries = answer.data?.consentStates;
  if (answer.errors || !entries) return JSON.stringify(answer.errors).slice(0, 200);
  const wrong = entries.findIndex(
    (entry, index) => entry.subjectId !== subjectIds[index] || entry.processingAllowed !== seededAllowed(entry.subjectId),
  );
  return entries.length !== subjectIds.length || wrong >= 0 ? `answer ${wrong} does not match the seed` : null;
}

/** Runs `check` over the batches `CALLS_AT_ONCE` at a time; returns the failures' descriptions and the seconds taken. */
async function inTurn(batches: readonly string[][], check: (batch: string[]) => Promise<string | null>) {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const failure = await check(batches[next++] as string[]);
      if (failure) failures.push(failure);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CALLS_AT_ONCE }, worker));
  return { failures, seconds: (performance.now() - started) / 1000 };
}

export async function bulkConsentCheck(bench: BenchDatabase, graphqlUrl: string, subjects: number): Promise<BulkCheckFigures> {
  const batches: string[][] = [];
  for (let first = 1; first <= subjects; first += MAX_BULK_SUBJECTS) {
    const size = Math.min(MAX_BULK_SUBJECTS, subjects - first + 1);
    batches.push(Array.from({ length: size }, (_, index) => `bench-${first + index}`));
  }
  const viaApi = (batch: string[]) => checkOnce(graphqlUrl, bench.serviceToken, batch);
  await inTurn(batches.slice(0, WARM_CALLS), viaApi);
  const { failures, seconds } = await inTurn(batches, viaApi);
  const db = { prisma: scopeToTenant(bench.database.prisma, bench.tenantId), tenantId: bench.tenantId };
  const { id: purposeId } = await db.prisma.purpose.findFirstOrThrow({ where: { key: "marketing" } });
  const sql = await inTurn(batches, async (batch) => {
    await readKnownSubjects(db, batch, purposeId);
    return null;
  });
  const perMillion = (taken: number) => (taken * 1_000_000) / subjects;
  return {
    subjects,
    calls: batches.length,
    seconds,
    subjectsPerSecond: subjects / seconds,
    secondsPerMillion: perMillion(seconds),
    sqlSecondsPerMillion: perMillion(sql.seconds),
    failed: failures.length,
    sample: failures[0] ?? "",
  };
}
