// `pnpm retention sweep [--dry-run] [--tenant <slug>] [--batch <n>] [--pause <ms>]`: the retention sweep from the command line.
import { describeTarget, prepareDatabase, scopeToTenant } from "@custos/db";
import { SWEEP_BATCH_SIZE, sweepRetention } from "../../retention/sweep.ts";
import { commandConfig, exitWithMessage, parseCommandLine, usageError } from "./command-line.ts";

const USAGE = `Usage:
  pnpm retention sweep [--dry-run] [--tenant <slug>] [--batch <rows per batch, default ${SWEEP_BATCH_SIZE}>] [--pause <ms between batches>]
Sweeps every tenant unless --tenant names one. Safe to run in several processes at once; a killed sweep is finished by the next.
On the embedded database, stop the gateway first (it holds the database), or sweep through it: the sweepRetention mutation.`;

const { positionals, values } = parseCommandLine(USAGE, {
  tenant: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  batch: { type: "string", default: String(SWEEP_BATCH_SIZE) },
  pause: { type: "string", default: "0" },
});

function positiveInteger(raw: string, name: string, minimum: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) usageError(USAGE, `--${name} must be a whole number of at least ${minimum}.`);
  return value;
}

// The whole command line is checked before the database is opened: a wrong one is a usage error, not "in use".
if (positionals[0] !== "sweep") usageError(USAGE);
const batchSize = positiveInteger(values.batch, "batch", 1);
const pauseMs = positiveInteger(values.pause, "pause", 0);

const target = commandConfig().database;
const database = await prepareDatabase(target).catch(exitWithMessage);
try {
  const tenants = await database.prisma.tenant.findMany({ where: values.tenant ? { slug: values.tenant } : {}, orderBy: { slug: "asc" } });
  if (tenants.length === 0) throw new Error(values.tenant ? `No tenant "${values.tenant}".` : "No tenants.");
  console.log(`retention sweep${values["dry-run"] ? " (dry run)" : ""} on ${describeTarget(target)}, batches of ${batchSize}`);
  for (const tenant of tenants) {
    const started = Date.now();
    const result = await sweepRetention(scopeToTenant(database.prisma, tenant.id), tenant.id, {
      dryRun: values["dry-run"],
      batchSize,
      pauseMs,
      onProgress: (line) => console.log(`[${tenant.slug}] ${line}`),
    });
    const processed = Object.values(result.counts).reduce((sum, counts) => sum + counts.processed, 0);
    console.log(
      `[${tenant.slug}] run ${result.runId} finished in ${Date.now() - started} ms: ${processed} row(s) ${result.dryRun ? "would be " : ""}processed`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await database.close();
}
