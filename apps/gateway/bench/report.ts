// The benchmark's table: printed, and written to docs/benchmarks.md with the machine and the command.
import { writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";

export interface Row {
  operation: string;
  gateway: number | null;
  baseline: number | null;
  p50Ms?: number | null;
  p99Ms?: number | null;
  goal: string;
  /** null: measured for the record, no goal applies (or a smoke run, which checks none). */
  met: boolean | null;
  /** Decimals of the gateway and baseline figures: 0 for requests per second, 2 for rows measured in seconds. */
  digits?: number;
  /** Failed answers in the run: a run with any is reported, not counted as throughput. */
  failed?: number;
}

const DOC = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));
const fixed = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? "" : value.toFixed(digits));

function cells(row: Row): string[] {
  const ratio = row.gateway !== null && row.baseline ? `${(row.gateway / row.baseline).toFixed(2)}×` : "";
  const failed = row.failed ? `FAILED (${row.failed} errors)` : row.met === null ? "" : row.met ? "met" : "not met";
  return [
    row.operation,
    row.failed ? "" : fixed(row.gateway, row.digits),
    fixed(row.baseline, row.digits),
    row.failed ? "" : ratio,
    fixed(row.p50Ms, 1),
    fixed(row.p99Ms, 1),
    row.goal,
    failed,
  ];
}

const HEADER = ["operation", "gateway req/s", "baseline req/s", "ratio", "p50 ms", "p99 ms", "goal", "met"];

export function formatTable(rows: readonly Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((line) => (line[column] ?? "").length)));
  const line = (values: readonly string[]) => `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  // The separator as the formatter (biome) writes it, so the written document passes `biome ci` as it is.
  return [line(HEADER), line(widths.map((width) => "-".repeat(width))), ...table.slice(1).map(line)].join("\n");
}

export interface Machine {
  cores: number;
  cpu: string;
  postgres: string;
  node: string;
}

export function thisMachine(postgres: string): Machine {
  return { cores: availableParallelism(), cpu: cpus()[0]?.model.trim() ?? "unknown", postgres, node: process.version };
}

export async function writeBenchmarksDoc(rows: readonly Row[], machine: Machine, command: string, notes: readonly string[]): Promise<void> {
  const text = `# Benchmarks

Written by \`${command}\` on ${new Date().toISOString().slice(0, 10)}; do not edit by hand, run it again.

Machine: ${machine.cores} cores (${machine.cpu}), PostgreSQL ${machine.postgres} on loopback, Node.js ${machine.node}. The load
generator (wrk) and every server share these cores, so absolute figures move with what else runs; the ratios are
measured side by side in one run. Baselines: the hello-world Apollo Server 5 of the gateway's version answering
from memory, and pgbench running recordConsent's and consentState's statements raw (\`apps/gateway/bench/sql\`).

${formatTable(rows)}

${notes.map((note) => `- ${note}`).join("\n")}
`;
  await writeFile(DOC, text);
}
