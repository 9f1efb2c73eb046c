// `pnpm --filter @custos/gateway exec tsx bench/profile.ts [catalogue|consentState|recordConsent|consentStates] [seconds]`:
// runs the gateway process under `node --cpu-prof` while wrk drives one operation (consentStates: the bulk check of
// bulk-check.ts, over every seeded subject, repeated for the seconds), and prints the functions with the most self
// time. What the profile shows is what the benchmark's figures are changed by.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { bulkConsentCheck } from "./bulk-check.ts";
import { startGatewayProcess } from "./processes.ts";
import { createBenchDatabase, seedDecidedSubjects } from "./setup.ts";
import { drive } from "./wrk.ts";

const operation = process.argv[2] ?? "catalogue";
const seconds = Number(process.argv[3] ?? 10);
const bodies: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  catalogue: { query: "{ purposes { key name legalBasis requiresConsent } }" },
  consentState: {
    query: "query ($subjectId: String!) { consentState(subjectId: $subjectId) { subjectId purposes { purpose { key } status } } }",
    variables: { subjectId: "bench-{{r}}" },
  },
  recordConsent: {
    query: "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id sequence } }",
    variables: { input: { subjectId: "new-{{n}}", purpose: "marketing", decision: "GRANTED", channel: "API", idempotencyKey: "p-{{n}}" } },
  },
};
const body = bodies[operation];
const bulk = operation === "consentStates";
if (!body && !bulk) throw new Error(`Unknown operation "${operation}": ${[...Object.keys(bodies), "consentStates"].join(", ")}`);
/** The bulk check reads its subjects from an index of realistic size; the one-at-a-time reads cycle over 10,000. */
const SUBJECTS = bulk ? 200_000 : 10_000;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const bench = await createBenchDatabase();
const profileDir = await mkdtemp(join(tmpdir(), "custos-profile-"));
try {
  await seedDecidedSubjects(bench, SUBJECTS);
  const gateway = await startGatewayProcess({
    databaseUrl: bench.url,
    keyPepper: bench.keyPepper,
    nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`],
  });
  const token = operation === "catalogue" ? undefined : bench.serviceToken;
  if (body) {
    const load = { url: `${gateway.url}/graphql`, body, token, connections: operation === "recordConsent" ? 16 : 32, repeat: SUBJECTS };
    await drive({ ...load, seconds: 3 });
    const result = await drive({ ...load, seconds });
    console.log(`${operation}: ${result.perSecond.toFixed(0)} req/s, p99 ${result.p99Ms.toFixed(1)} ms, ${result.failed} failed`);
  } else {
    for (const ends = performance.now() + seconds * 1000; performance.now() < ends; ) {
      const figures = await bulkConsentCheck(bench, `${gateway.url}/graphql`, SUBJECTS);
      console.log(`${operation}: ${figures.seconds.toFixed(2)} s per ${SUBJECTS} subjects, ${figures.failed} failed`);
    }
  }
  await gateway.stop();

  const [file] = (await readdir(profileDir)).filter((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("the gateway wrote no profile");
  const profile = JSON.parse(await readFile(join(profileDir, file), "utf8")) as { nodes: ProfileNode[] };
  const selfHits = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      ? `${relative(process.cwd(), url.replace(/^file:\/\//, "")).replace(/^(\.\.\/)+node_modules\/\.pnpm\//, "")}:${lineNumber + 1}`
      : "";
    const name = `${functionName || "(anonymous)"} ${where}`;
    selfHits.set(name, (selfHits.get(name) ?? 0) + hits);
    byArea.set(areaOf(url, functionName), (byArea.get(areaOf(url, functionName)) ?? 0) + hits);
  }
  console.log("self time by package, share of samples:");
  for (const [area, hits] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${area}`);
  }
  console.log("functions with the most self time, share of samples:");
  for (const [name, hits] of [...selfHits].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
} finally {
  await bench.close();
}

/** The package a function belongs to (node_modules/.pnpm/<name>@…), the gateway's own code, or the runtime. */
function areaOf(url: string, functionName: string): string {
  const pnpm = /node_modules\/\.pnpm\/(@?[^@/]+(?:\+[^@/]+)?)@/.exec(url);
  if (pnpm?.[1]) return pnpm[1].replace("+", "/");
  if (url.includes("/apps/gateway/") || url.includes("/packages/")) return "custos (this repository)";
  if (url.startsWith("node:")) return "node internals";
  return functionName.startsWith("(") ? functionName : "native (e.g. writev, crypto)";
}
