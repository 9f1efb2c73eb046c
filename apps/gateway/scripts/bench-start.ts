// Start time (spawn to the first 200 from /health) and resident memory of the gateway process, built and run by plain
// node against the same code run from TypeScript by tsx's loader. On an embedded PGlite folder that a first, uncounted
// start migrates and seeds, or on PostgreSQL when DATABASE_URL names a database `pnpm db migrate && pnpm db seed`
// prepared (then CUSTOS_KEY_PEPPER too). `pnpm --filter @custos/gateway bench:start [runs]`; prints its figures.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildGateway, SOURCE_GATEWAY, spawnGatewayProcess } from "../test/gateway-process.ts";

const runs = Number(process.argv[2] ?? 5);
const dataDir = await mkdtemp(path.join(tmpdir(), "custos-bench-start-"));
const env: Record<string, string> = process.env.DATABASE_URL
  ? { CUSTOS_RATE_LIMITS: "off" }
  : { CUSTOS_DATA_DIR: dataDir, CUSTOS_KEY_PEPPER: "bench-start-pepper-bench-start-pepper", CUSTOS_RATE_LIMITS: "off" };

async function rssMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function oneStart(args: string[]) {
  const started = performance.now();
  const gateway = await spawnGatewayProcess(env, { args });
  for (;;) {
    const answered = await fetch(`${gateway.url}/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) break;
    await sleep(10);
  }
  const startMs = performance.now() - started;
  const pid = gateway.child.pid ?? 0;
  const rssAtStart = await rssMegabytes(pid);
  for (let i = 0; i < 200; i += 1) {
    await fetch(`${gateway.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ purposes { key legalBasis } }" }),
    }).then((response) => response.arrayBuffer());
  }
  const rssAfter = await rssMegabytes(pid);
  await gateway.stop();
  return { startMs, rssAtStart, rssAfter };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const built = buildGateway("bench-start");
await oneStart(built); // migrates and seeds the folder (or checks PostgreSQL); not counted
const variants = { "node dist/main.js (built)": built, "node --import tsx src/main.ts": SOURCE_GATEWAY };
const results: Record<string, Awaited<ReturnType<typeof oneStart>>[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
// Alternating, so a neighbour's load on the machine falls on both alike.
for (let run = 0; run < runs; run += 1) {
  for (const [name, args] of Object.entries(variants)) results[name]?.push(await oneStart(args));
}
console.log(`gateway start on ${process.env.DATABASE_URL ? "PostgreSQL" : "an embedded PGlite folder"}, median of ${runs} starts each`);
for (const [name, measured] of Object.entries(results)) {
  const figure = (pick: (result: (typeof measured)[number]) => number) => median(measured.map(pick)).toFixed(0);
  console.log(
    `${name.padEnd(32)} start to first /health ${figure((r) => r.startMs)} ms, RSS ${figure((r) => r.rssAtStart)} MB at start, ${figure((r) => r.rssAfter)} MB after 200 requests`,
  );
}
await rm(dataDir, { recursive: true, force: true });
