// Drives one HTTP GraphQL endpoint with wrk (Debian's package, scripts/ensure-bench-tools.sh) through graphql.lua.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("./graphql.lua", import.meta.url));

export interface Load {
  url: string;
  body: { query: string; variables?: Record<string, unknown> };
  token?: string;
  connections: number;
  seconds: number;
  /** Values "{{r}}" cycles over (repeat subjects). */
  repeat?: number;
  /** Offered rate in requests/s over all connections; unset means as fast as answers come. */
  rate?: number;
}

export interface LoadResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers that were not 2xx or carried GraphQL errors, plus socket errors: a run with any is not throughput. */
  failed: number;
  sample: string;
}

export async function drive(load: Load): Promise<LoadResult> {
  const threads = Math.min(2, load.connections);
  const env = {
    ...process.env,
    BENCH_BODY: JSON.stringify(load.body),
    BENCH_TOKEN: load.token ?? "",
    BENCH_REPEAT: String(load.repeat ?? 1000),
    BENCH_RUN: randomBytes(6).toString("hex"),
    BENCH_DELAY_MS: load.rate ? String(Math.max(1, Math.round((load.connections * 1000) / load.rate))) : "0",
  };
  const args = [
    "-t",
    String(threads),
    "-c",
    String(load.connections),
    "-d",
    `${load.seconds}s`,
    "--timeout",
    "10s",
    "-s",
    SCRIPT,
    load.url,
  ];
  const { stdout } = await run("wrk", args, { env, maxBuffer: 1 << 20 });
  const line = stdout.split("\n").find((candidate) => candidate.startsWith("BENCH_RESULT "));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const raw = JSON.parse(line.slice("BENCH_RESULT ".length)) as {
    requests: number;
    durationUs: number;
    p50Us: number;
    p99Us: number;
    failed: number;
    socketErrors: number;
    sample: string;
  };
  return {
    perSecond: raw.requests / (raw.durationUs / 1e6),
    p50Ms: raw.p50Us / 1000,
    p99Ms: raw.p99Us / 1000,
    requests: raw.requests,
    failed: raw.failed + raw.socketErrors,
    sample: raw.sample,
  };
}
