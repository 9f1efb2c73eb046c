// `pnpm bench:retention [--rows 1000000] [--batch 1000]`: seeds subjects past due on a fresh PostgreSQL database
// (the local server, or a throwaway cluster) and times one retention sweep over them. Prints figures; asserts nothing.
import { parseArgs } from "node:util";
import { scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase } from "@custos/db/testing";
import { startPostgres } from "@custos/testing";
import { seedSubjectsPastDue } from "../src/retention/bulk-seed.ts";
import { sweepRetention } from "../src/retention/sweep.ts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, batch: { type: "string", default: "1000" } } });
const rows = Number(values.rows);
const batchSize = Number(values.batch);

const server = await startPostgres();
try {
  await using database = await createMigratedTestDatabase("postgres", server.adminUrl);
  const { prisma } = database;
  const { id: tenantId } = await prisma.tenant.findFirstOrThrow();
  let started = Date.now();
  await seedSubjectsPastDue(prisma, tenantId, rows, new Date("2020-01-01T00:00:00.000Z"));
  await prisma.$executeRawUnsafe('ANALYZE "DataSubject"');
  console.log(`seeded ${rows} subjects past due in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  started = Date.now();
  let lastPrinted = 0;
  const result = await sweepRetention(scopeToTenant(prisma, tenantId), tenantId, {
    batchSize,
    onProgress: (line) => {
      if (Date.now() - lastPrinted >= 5_000 || !line.includes("/")) {
        lastPrinted = Date.now();
        console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${line}`);
      }
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const processed = result.counts.identity?.processed ?? 0;
  console.log(`swept ${processed} subjects in batches of ${batchSize}: ${seconds.toFixed(1)} s, ${Math.round(processed / seconds)} rows/s`);
  if (processed !== rows) process.exitCode = 1;
} finally {
  await server.stop();
}
