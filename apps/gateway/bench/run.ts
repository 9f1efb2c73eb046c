// `pnpm bench [--smoke]`: the gateway on PostgreSQL against a hello-world Apollo Server and against the raw
// transaction (pgbench), driven by wrk, printed as one table with each goal met or not, compared with the figures of
// the last full run (docs/benchmarks.json), and written to docs/benchmarks.md. `--smoke` runs every operation for a
// second or two (npm test runs it): its goals are printed, never enforced. BENCH_SECONDS sets the time per operation,
// BENCH_WRITE_RUNS how often the 16-writer recordConsent row is repeated, BENCH_SOAK_SECONDS the memory soak.
// `--only=reads,bulk,writes,memory,retention,start` runs those parts alone and prints them without writing
// docs/benchmarks.md; BENCH_SUBJECTS seeds fewer subjects for such a run.

import { randomBytes } from "node:crypto";
import { bulkConsentCheck } from "./bulk-check.ts";
import { secondsFromFreshClone, secondsToFirstAnswer, secondsToWarmRestart } from "./embedded-start.ts";
import { peakResidentMb, resetPeak, soak } from "./memory.ts";
import { type BaselineTenant, createBaselineTenant, rawConsentCheck, rawRecordConsent } from "./pgbench.ts";
import { type ServerProcess, startGatewayProcess, startHelloServer } from "./processes.ts";
import { compareWithCommitted, formatTable, type Row, thisMachine, writeBenchmarksDoc } from "./report.ts";
import { sweepAgainstRawUpdate } from "./retention.ts";
import { type BenchDatabase, createBenchDatabase, createEmbeddedBenchDatabase, seedDecidedSubjects } from "./setup.ts";
import { drive, type Load, type LoadResult } from "./wrk.ts";

const smoke = process.argv.includes("--smoke");
const seconds = Number(process.env.BENCH_SECONDS ?? (smoke ? 2 : 10));
const warmSeconds = smoke ? 1 : 3;
const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? (smoke ? 1_000 : 1_000_000));
const WRITE_RUNS = Number(process.env.BENCH_WRITE_RUNS ?? (smoke ? 1 : 5));
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? (smoke ? 4 : 600));
const PARTS = ["reads", "bulk", "writes", "memory", "retention", "start"] as const;
const onlyArgument = process.argv.find((argument) => argument.startsWith("--only="));
const only = onlyArgument?.slice("--only=".length).split(",");
const unknownPart = only?.find((part) => !(PARTS as readonly string[]).includes(part));
if (unknownPart !== undefined) {
  console.error(`pnpm bench: unknown part "${unknownPart}" in --only; the parts are ${PARTS.join(", ")}`);
  process.exit(2);
}
const runs = (part: (typeof PARTS)[number]) => only === undefined || only.includes(part);
const RETENTION_ROWS = smoke ? 2_000 : 1_000_000;
const READ_CONNECTIONS = 32;
const PRODUCTION_MB = 150;
const EMBEDDED_MB = 300;

const CATALOGUE = { query: "{ purposes { key name legalBasis requiresConsent } }" };
const COOKIES = { query: "{ cookieCategories { key name required } }" };
const CONSENT_STATE = {
  query: "query ($subjectId: String!) { consentState(subjectId: $subjectId) { subjectId purposes { purpose { key } status } } }",
  variables: { subjectId: "bench-{{r}}" },
};
const recordConsent = (subjectId: string) => ({
  query: "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id sequence } }",
  variables: { input: { subjectId, purpose: "marketing", decision: "GRANTED", channel: "API", idempotencyKey: "bench-{{n}}" } },
});
const VERIFY = { query: "{ consentLedgerVerification { ok headSequence verifiedCount } }" };

const rows: Row[] = [];
const notes: string[] = [];
const graphql = (server: ServerProcess) => `${server.url}/graphql`;

/**
 * JIT, connection pools and caches warm up unmeasured first, for the gateway and the baseline alike; `settle` waits
 * for the writes wrk left in flight, so the measured run does not start behind the warm-up's queue.
 */
async function measure(load: Omit<Load, "seconds">, settle?: () => Promise<unknown>): Promise<LoadResult> {
  await drive({ ...load, seconds: warmSeconds });
  await settle?.();
  return drive({ ...load, seconds });
}

function ratioRow(key: string, operation: string, gateway: LoadResult, baseline: number, wanted: number): void {
  rows.push({
    key,
    operation,
    gateway: gateway.perSecond,
    baseline,
    p50Ms: gateway.p50Ms,
    p99Ms: gateway.p99Ms,
    goal: `≥ ${wanted}× baseline`,
    met: gateway.perSecond >= wanted * baseline,
    failed: gateway.failed,
  });
  if (gateway.failed > 0) notes.push(`${operation}: ${gateway.failed} failed answers, e.g. ${gateway.sample}`);
}

async function catalogueReads(hello: ServerProcess, gateway: ServerProcess): Promise<LoadResult> {
  const load = { connections: READ_CONNECTIONS };
  const helloPurposes = await measure({ ...load, url: graphql(hello), body: CATALOGUE });
  const purposes = await measure({ ...load, url: graphql(gateway), body: CATALOGUE });
  ratioRow("purposes", `anonymous purposes, ${READ_CONNECTIONS} connections`, purposes, helloPurposes.perSecond, 0.8);
  const helloCookies = await measure({ ...load, url: graphql(hello), body: COOKIES });
  const cookies = await measure({ ...load, url: graphql(gateway), body: COOKIES });
  ratioRow("cookieCategories", `anonymous cookieCategories, ${READ_CONNECTIONS} connections`, cookies, helloCookies.perSecond, 0.8);
  return helloPurposes;
}

/** The reads of one subject's consent a service makes: what the paced p99 and the memory soak offer. */
const consentStateLoad = (bench: BenchDatabase) => ({
  connections: READ_CONNECTIONS,
  repeat: SUBJECTS,
  token: bench.serviceToken,
  body: CONSENT_STATE,
});

/** Returns the gateway's peak consentState rate. */
async function auditedReads(bench: BenchDatabase, hello: ServerProcess, gateway: ServerProcess, helloPeak: LoadResult): Promise<number> {
  const load = consentStateLoad(bench);
  const peak = await measure({ ...load, url: graphql(gateway) });
  ratioRow(
    "consentState",
    `service consentState (audited) of ${SUBJECTS} subjects, ${READ_CONNECTIONS} connections`,
    peak,
    helloPeak.perSecond,
    0.5,
  );
  // Not a goal: the database's own ceiling for the check's statements, so the table shows which side limits it.
  const raw = await rawConsentCheck(bench.url, bench.tenantId, SUBJECTS, { clients: READ_CONNECTIONS, seconds });
  rows.push({
    key: "consentState against its statements",
    operation: `raw consentState statements (pgbench), ${READ_CONNECTIONS} clients: the gateway's check against them`,
    gateway: peak.perSecond,
    baseline: raw.perSecond,
    goal: "",
    met: null,
    failed: raw.failed,
  });
  // p99 at a fixed offered load of half the gateway's own peak, the same load offered to the hello-world server.
  const rate = Math.max(1, Math.floor(peak.perSecond / 2));
  const paced = await drive({ ...load, seconds, rate, url: graphql(gateway) });
  const helloPaced = await drive({ connections: READ_CONNECTIONS, seconds, rate, url: graphql(hello), body: CATALOGUE });
  rows.push({
    key: "consentState p99 at half peak",
    operation: `service consentState at ${rate} req/s (half its peak), p99 against hello-world's`,
    gateway: paced.perSecond,
    baseline: helloPaced.perSecond,
    p50Ms: paced.p50Ms,
    p99Ms: paced.p99Ms,
    goal: `p99 ≤ 3× ${helloPaced.p99Ms.toFixed(1)} ms`,
    met: paced.p99Ms <= 3 * helloPaced.p99Ms,
    failed: paced.failed + helloPaced.failed,
  });
  return peak.perSecond;
}

async function bulkCheck(bench: BenchDatabase, gateway: ServerProcess): Promise<void> {
  const figures = await bulkConsentCheck(bench, graphql(gateway), SUBJECTS);
  rows.push({
    key: "bulk consent check",
    operation: `bulk consent check of ${figures.subjects} subjects in ${figures.calls} calls (seconds per 1M), against its SQL alone`,
    digits: 2,
    gateway: figures.secondsPerMillion,
    baseline: figures.sqlSecondsPerMillion,
    goal: "≤ 60 s per 1M",
    met: figures.secondsPerMillion <= 60,
    failed: figures.failed,
  });
  notes.push(
    `bulk consent check: ${figures.seconds.toFixed(2)} s for ${figures.subjects} subjects, ${Math.round(figures.subjectsPerSecond)} subjects/s`,
  );
  if (figures.failed > 0) notes.push(`bulk consent check: ${figures.failed} failed calls, e.g. ${figures.sample}`);
}

/** The goal at each writer count: the issue's 0.5× at one writer and 0.8× at sixteen; 64 writers for the record. */
const WRITE_GOALS: Record<number, number> = { 1: 0.5, 16: 0.8, 64: 0.5 };

async function consentWrites(bench: BenchDatabase, baselineTenant: BaselineTenant, gateway: ServerProcess): Promise<void> {
  const load = (writers: number) => ({ connections: writers, url: graphql(gateway), token: bench.serviceToken });
  const settle = () => settledEventCount(bench);
  for (const writers of [1, 16, 64]) {
    const wanted = WRITE_GOALS[writers] ?? 0.5;
    // At sixteen writers the goal holds in every run: each run is measured against a raw run beside it.
    const runs = writers === 16 ? WRITE_RUNS : 1;
    const measured: { ratio: number; fresh: LoadResult; raw: number }[] = [];
    for (let run = 0; run < runs; run++) {
      const raw = await rawRecordConsent(bench.url, baselineTenant, { clients: writers, seconds, chainLock: false });
      const fresh = await measure({ ...load(writers), body: recordConsent("new-{{n}}") }, settle);
      measured.push({ ratio: fresh.perSecond / raw.perSecond, fresh, raw: raw.perSecond });
    }
    const ratios = measured.map(({ ratio }) => ratio).sort((a, b) => a - b);
    const median = measured.find(({ ratio }) => ratio === ratios[Math.floor(ratios.length / 2)]) ?? measured[0];
    if (median === undefined) continue;
    const operation = `recordConsent, new subjects, ${writers} writers${runs > 1 ? ` (median of ${runs} runs, the goal in each)` : ""}`;
    ratioRow(`recordConsent ${writers}`, operation, median.fresh, median.raw, wanted);
    const last = rows.at(-1);
    if (last && runs > 1) {
      last.met = ratios.every((ratio) => ratio >= wanted);
      last.failed = measured.reduce((sum, { fresh }) => sum + fresh.failed, 0);
      notes.push(`recordConsent with ${writers} writers over ${runs} runs: ${ratios.map((ratio) => `${ratio.toFixed(2)}×`).join(", ")}`);
    }
    if (writers !== 16) continue;
    const repeat = await measure({ ...load(writers), body: recordConsent("bench-{{r}}"), repeat: 1_000 }, settle);
    ratioRow("recordConsent repeat 16", `recordConsent, repeat subjects, ${writers} writers`, repeat, median.raw, wanted);
    const locked = await rawRecordConsent(bench.url, baselineTenant, { clients: writers, seconds, chainLock: true });
    rows.push({
      key: "raw transaction 16",
      operation: `raw transaction, ${writers} clients, no chain lock`,
      gateway: null,
      baseline: median.raw,
      goal: "",
      met: null,
    });
    rows.push({
      key: "raw transaction 16 locked",
      operation: `raw transaction, ${writers} clients, chain-head lock held to commit`,
      gateway: null,
      baseline: locked.perSecond,
      goal: "",
      met: null,
    });
  }
}

async function twoGateways(bench: BenchDatabase, baselineTenant: BaselineTenant, first: ServerProcess): Promise<void> {
  const second = await startGatewayProcess({ databaseUrl: bench.url, keyPepper: bench.keyPepper });
  try {
    const writers = 16;
    const raw = await rawRecordConsent(bench.url, baselineTenant, { clients: writers, seconds, chainLock: false });
    const load = { connections: writers / 2, token: bench.serviceToken, body: recordConsent("two-{{n}}") };
    await Promise.all([
      drive({ ...load, seconds: warmSeconds, url: graphql(first) }),
      drive({ ...load, seconds: warmSeconds, url: graphql(second) }),
    ]);
    await settledEventCount(bench);
    const [a, b] = await Promise.all([drive({ ...load, seconds, url: graphql(first) }), drive({ ...load, seconds, url: graphql(second) })]);
    const both: LoadResult = {
      perSecond: a.perSecond + b.perSecond,
      p50Ms: Math.max(a.p50Ms, b.p50Ms),
      p99Ms: Math.max(a.p99Ms, b.p99Ms),
      requests: a.requests + b.requests,
      failed: a.failed + b.failed,
      sample: a.sample || b.sample,
    };
    ratioRow("recordConsent two gateways", `recordConsent, two gateway processes, ${writers} writers`, both, raw.perSecond, 0.5);
  } finally {
    await second.stop();
  }
}

/** Requests wrk left in flight when it stopped still commit; the ledger is checked once the event count holds still. */
async function settledEventCount(bench: BenchDatabase): Promise<number> {
  const count = () => bench.database.prisma.consentEvent.count({ where: { tenantId: bench.tenantId } });
  let last = -1;
  for (let now = await count(); now !== last; now = await count()) {
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return last;
}

async function ledgerVerifies(bench: BenchDatabase, gateway: ServerProcess): Promise<void> {
  const events = await settledEventCount(bench);
  const response = await fetch(graphql(gateway), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bench.staffToken}` },
    body: JSON.stringify(VERIFY),
  });
  const answer = (await response.json()) as { data?: { consentLedgerVerification: { ok: boolean; headSequence: number } } };
  const verification = answer.data?.consentLedgerVerification;
  const ok = verification?.ok === true && verification.headSequence === events;
  rows.push({
    key: "ledger",
    operation: `ledger after the writes: ${events} events, head at ${verification?.headSequence ?? "?"}`,
    gateway: null,
    baseline: null,
    goal: "gap-free, verifies",
    met: ok,
    failed: ok ? 0 : 1,
  });
}

/** The production gateway's peak resident memory over one part of the load, as the kernel counts it. */
async function residentRow(gateway: ServerProcess, part: string): Promise<void> {
  const megabytes = await peakResidentMb(gateway);
  rows.push({
    key: `production memory, ${part}`,
    operation: `production gateway: peak resident memory (MB) during the ${part}`,
    digits: 0,
    gateway: megabytes,
    baseline: null,
    goal: `≤ ${PRODUCTION_MB} MB`,
    met: megabytes <= PRODUCTION_MB,
  });
}

/**
 * A gateway of its own with /metrics on, offered half the consentState peak for the soak: its heap's floor at the end
 * against the floor at the start says whether it grows, and its peak resident memory what it holds under that load.
 */
async function heapSoak(bench: BenchDatabase, consentStatePeak: number | undefined): Promise<void> {
  const metricsToken = randomBytes(16).toString("hex");
  const gateway = await startGatewayProcess({ databaseUrl: bench.url, keyPepper: bench.keyPepper, metricsToken });
  try {
    const load = { ...consentStateLoad(bench), url: graphql(gateway) };
    const peak = consentStatePeak ?? (await measure(load)).perSecond;
    const rate = Math.max(1, Math.floor(peak / 2));
    await drive({ ...load, seconds: warmSeconds });
    const figures = await soak(gateway, metricsToken, { ...load, rate }, SOAK_SECONDS);
    rows.push({
      key: "heap soak",
      operation: `production gateway: V8 heap floor (MB) at the end of a ${SOAK_SECONDS} s soak of consentState at ${rate} req/s, against its start`,
      digits: 1,
      gateway: figures.lastFloorMb,
      baseline: figures.firstFloorMb,
      goal: "≤ 1.1× the start's floor",
      met: figures.lastFloorMb <= 1.1 * figures.firstFloorMb,
      failed: figures.failed,
    });
    rows.push({
      key: "production memory, soak",
      operation: "production gateway: peak resident memory (MB) during the soak",
      digits: 0,
      gateway: figures.peakResidentMb,
      baseline: null,
      goal: `≤ ${PRODUCTION_MB} MB`,
      met: figures.peakResidentMb <= PRODUCTION_MB,
    });
    notes.push(
      `heap soak: ${figures.requests} answers; floor ${figures.firstFloorMb.toFixed(1)} MB at the start, ${figures.lastFloorMb.toFixed(1)} MB at the end`,
    );
    if (figures.failed > 0) notes.push(`heap soak: ${figures.failed} failed answers, e.g. ${figures.sample}`);
  } finally {
    await gateway.stop();
  }
}

/** The embedded gateway as `npm start` runs it, under reads and writes of its own database: its peak resident memory. */
async function embeddedMemory(): Promise<void> {
  const embedded = await createEmbeddedBenchDatabase();
  try {
    const gateway = await startGatewayProcess({ embeddedDataDir: embedded.dataDir, keyPepper: embedded.keyPepper });
    try {
      const url = graphql(gateway);
      const token = embedded.serviceToken;
      const catalogue = await drive({ connections: READ_CONNECTIONS, url, body: CATALOGUE, seconds });
      const writes = await drive({ connections: 16, url, token, body: recordConsent("embedded-{{r}}"), repeat: 1_000, seconds });
      const reads = await drive({
        connections: READ_CONNECTIONS,
        url,
        token,
        body: { ...CONSENT_STATE, variables: { subjectId: "embedded-{{r}}" } },
        repeat: 1_000,
        seconds,
      });
      const megabytes = await peakResidentMb(gateway);
      const failed = catalogue.failed + writes.failed + reads.failed;
      rows.push({
        key: "embedded memory",
        operation: "embedded gateway: peak resident memory (MB) under catalogue reads, recordConsent and consentState",
        digits: 0,
        gateway: megabytes,
        baseline: null,
        goal: `≤ ${EMBEDDED_MB} MB`,
        met: megabytes <= EMBEDDED_MB,
        failed,
      });
      notes.push(
        `embedded gateway: purposes ${catalogue.perSecond.toFixed(0)} req/s, recordConsent ${writes.perSecond.toFixed(0)} req/s (16 writers), consentState ${reads.perSecond.toFixed(0)} req/s`,
      );
      if (failed > 0) notes.push(`embedded gateway: ${failed} failed answers, e.g. ${catalogue.sample || writes.sample || reads.sample}`);
    } finally {
      await gateway.stop();
    }
  } finally {
    await embedded.remove();
  }
}

async function retention(bench: BenchDatabase): Promise<void> {
  const figures = await sweepAgainstRawUpdate(bench.server.adminUrl, RETENTION_ROWS);
  rows.push({
    key: "retention sweep",
    operation: `retention sweep of ${figures.rows} subjects (seconds), against one raw UPDATE of them`,
    digits: 2,
    gateway: figures.sweepSeconds,
    baseline: figures.rawUpdateSeconds,
    goal: "≤ 2× the raw UPDATE",
    met: figures.sweepSeconds <= 2 * figures.rawUpdateSeconds,
    failed: figures.swept === figures.rows ? 0 : 1,
  });
}

/** A row measured in seconds of `npm start` up to the first answered query. */
function startRow(key: string, operation: string, seconds: number, goalSeconds?: number): void {
  rows.push({
    key,
    operation,
    digits: 2,
    gateway: seconds,
    baseline: null,
    goal: goalSeconds === undefined ? "" : `≤ ${goalSeconds} s`,
    met: goalSeconds === undefined ? null : seconds <= goalSeconds,
  });
}

/**
 * `npm start` to its first answered query on the embedded database. The first start in this checkout may also build
 * the gateway and make the database template (after a change to the code, the migrations or the seed), so it carries
 * no goal; the second, on another fresh database, is what a new database costs. A restart on a database made before
 * is a developer's every day, and a fresh clone of HEAD (packages from the store, every build, a new template) a
 * newcomer's first minute.
 */
async function embeddedStart(): Promise<void> {
  startRow(
    "embedded first start",
    "npm start, first start of this run (may build the gateway and make the database template)",
    await secondsToFirstAnswer(),
  );
  startRow("embedded start", "npm start on a fresh embedded database, nothing changed since", await secondsToFirstAnswer(), 5);
  startRow("warm restart", "npm start again on the database of a start before", await secondsToWarmRestart(), 3);
  startRow("fresh clone", "npm start in a fresh clone of HEAD, packages from the store", await secondsFromFreshClone(), 30);
}

const bench = await createBenchDatabase();
const started: ServerProcess[] = [];
try {
  const seeding = performance.now();
  await seedDecidedSubjects(bench, SUBJECTS);
  notes.push(`setup: ${SUBJECTS} subjects with a marketing decision seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  const hello = await startHelloServer();
  started.push(hello);
  const gateway = await startGatewayProcess({ databaseUrl: bench.url, keyPepper: bench.keyPepper });
  started.push(gateway);
  let consentStatePeak: number | undefined;
  if (runs("reads")) {
    const helloPeak = await catalogueReads(hello, gateway);
    await resetPeak(gateway);
    consentStatePeak = await auditedReads(bench, hello, gateway, helloPeak);
    await residentRow(gateway, "reads of consentState");
  }
  if (runs("bulk")) {
    await resetPeak(gateway);
    await bulkCheck(bench, gateway);
    await residentRow(gateway, "bulk consent check");
  }
  if (runs("writes")) {
    const baselineTenant = await createBaselineTenant(bench.url);
    await resetPeak(gateway);
    await consentWrites(bench, baselineTenant, gateway);
    await residentRow(gateway, "recordConsent writes");
    await twoGateways(bench, baselineTenant, gateway);
    await ledgerVerifies(bench, gateway);
  }
  if (runs("memory")) await heapSoak(bench, consentStatePeak);
  for (const server of started.splice(0).reverse()) await server.stop();
  if (runs("memory")) await embeddedMemory();
  if (runs("retention")) await retention(bench);
  if (runs("start")) await embeddedStart();
} finally {
  for (const server of started.reverse()) await server.stop();
  await bench.close();
}

notes.push(
  `${seconds} s per operation after ${warmSeconds} s of unmeasured warm-up; reads with ${READ_CONNECTIONS} connections; ` +
    "every answer checked for a non-2xx status and GraphQL errors (a run with any is marked FAILED, not counted)",
  "the rows measured in seconds (bulk check, retention, start) or MB (memory) show those, not requests per second, in the gateway and baseline columns",
);
console.log(formatTable(rows));
for (const note of notes) console.log(`- ${note}`);
console.log(`\n${await compareWithCommitted(rows)}`);
if (!smoke && only === undefined) await writeBenchmarksDoc(rows, thisMachine(bench.postgresVersion), "pnpm bench", notes);
if (rows.some((row) => row.failed)) process.exitCode = 1;
