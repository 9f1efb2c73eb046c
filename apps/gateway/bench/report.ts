// The benchmark's table: printed, and written to docs/benchmarks.md with the machine and the command.
import { readFile, writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";

export interface Row {
  /** Names the row across runs, whatever figures its operation text carries: the committed figures are found by it. */
  key: string;
  operation: string;
  gateway: number | null;
  baseline: number | null;
  p50Ms?: number | null;
  p99Ms?: number | null;
  goal: string;
  /** null: measured for the record, no goal applies. */
  met: boolean | null;
  /** Decimals of the gateway and baseline figures: 0 for requests per second, 2 for rows measured in seconds or MB. */
  digits?: number;
  /** Failed answers in the run: a run with any is reported, not counted as throughput. */
  failed?: number;
}

const DOC = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));
/** The figures of the run docs/benchmarks.md shows, for the next run to compare itself with. */
const FIGURES = fileURLToPath(new URL("../../../docs/benchmarks.json", import.meta.url));
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
  return table(HEADER, rows.map(cells));
}

function table(header: readonly string[], body: readonly (readonly string[])[]): string {
  const lines = [header, ...body];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? "").length)));
  const line = (values: readonly string[]) => `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  // The separator as the formatter (biome) writes it, so the written document passes `biome ci` as it is.
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
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
  const figures: CommittedFigure[] = rows.map(({ key, gateway, baseline, met }) => ({ key, figure: figureOf({ gateway, baseline }), met }));
  await writeFile(FIGURES, `${JSON.stringify({ written: new Date().toISOString().slice(0, 10), rows: figures }, null, 2)}\n`);
}

interface CommittedFigure {
  key: string;
  figure: number | null;
  met: boolean | null;
}

/** What a row is compared by: its ratio to the baseline measured beside it, else its own figure (seconds, MB). */
function figureOf({ gateway, baseline }: Pick<Row, "gateway" | "baseline">): number | null {
  if (gateway === null) return null;
  return baseline ? gateway / baseline : gateway;
}

function verdict(then: boolean | null, now: boolean | null): string {
  if (now === null) return "";
  if (then === true && now === false) return "SLIPPED";
  if (then === false && now === true) return "now met";
  return now ? "met" : "not met";
}

/**
 * This run beside the figures committed in docs/benchmarks.json (the last full run): the change of each row's ratio
 * (or seconds, or MB) and which goal slipped. No threshold: a smoke run on a loaded machine moves every figure, so
 * the table informs and does not fail.
 */
export async function compareWithCommitted(rows: readonly Row[]): Promise<string> {
  const committed = await readFile(FIGURES, "utf8").then(
    (text) => JSON.parse(text) as { written: string; rows: CommittedFigure[] },
    () => undefined,
  );
  if (committed === undefined) return "No committed figures (docs/benchmarks.json) to compare with.";
  const byKey = new Map(committed.rows.map((row) => [row.key, row]));
  const body = rows.flatMap((row) => {
    const then = byKey.get(row.key);
    const now = row.failed ? null : figureOf(row);
    if (then === undefined || then.figure === null || now === null) return [];
    const change = then.figure === 0 ? "" : `${now >= then.figure ? "+" : ""}${(((now - then.figure) / then.figure) * 100).toFixed(0)}%`;
    return [[row.key, then.figure.toFixed(2), now.toFixed(2), change, verdict(then.met, row.met)]];
  });
  return `Against the committed figures of ${committed.written} (ratio, or seconds and MB where a row has no baseline):\n${table(
    ["row", "committed", "this run", "change", "goal"],
    body,
  )}`;
}
