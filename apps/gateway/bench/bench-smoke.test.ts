// The benchmark's smoke run, so the harness cannot rot: every operation runs briefly, no goal is enforced, but every
// row must show its figure and no failed answer, and the run is compared with the committed figures.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const run = promisify(execFile);
const GATEWAY_DIR = fileURLToPath(new URL("..", import.meta.url));
const SMOKE_TIMEOUT_MS = 600_000;

test(
  "pnpm bench --smoke prints every operation with throughput and no failed answer",
  async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "bench/run.ts", "--smoke"], {
      cwd: GATEWAY_DIR,
      env: {
        ...process.env,
        // A second of load per operation shows it runs; the smoke run checks no goal, so two tell nothing more.
        BENCH_SECONDS: "1",
      },
      timeout: SMOKE_TIMEOUT_MS,
      maxBuffer: 1 << 22,
    });
    // The first table is the run's own; the comparison with the committed figures follows it.
    const [ownTable = "", comparison = ""] = stdout.split(/^(?=Against the committed figures|No committed figures)/m);
    const rows = ownTable
      .split("\n")
      // Table rows, without the header and the separator row of dashes.
      .filter((line) => line.startsWith("| ") && !line.startsWith("| operation") && !/^[|\s-]+$/.test(line))
      .map((line) => line.split("|").map((cell) => cell.trim()));
    const operations = rows.map((cells) => cells[1]);
    for (const wanted of [
      "anonymous purposes",
      "service consentState",
      "bulk consent check",
      "recordConsent, new subjects, 64",
      "two gateway processes",
      "ledger",
      "production gateway: peak resident memory",
      "V8 heap floor",
      "embedded gateway: peak resident memory",
      "retention sweep",
      "npm start in a fresh clone",
      "npm start again",
      "npm start on a fresh embedded database",
    ]) {
      expect(operations.some((operation) => operation?.startsWith(wanted) || operation?.includes(wanted))).toBe(true);
    }
    // The last column says "FAILED (n errors)" for a row with a non-2xx answer, a GraphQL error or a broken ledger.
    expect(rows.filter((cells) => cells[8]?.startsWith("FAILED")).map((cells) => cells[1])).toEqual([]);
    for (const cells of rows.filter((row) => row[2] !== "")) expect(Number(cells[2])).toBeGreaterThan(0);
    expect(comparison).toMatch(/^Against the committed figures of .*\n\| row /);
  },
  SMOKE_TIMEOUT_MS,
);
