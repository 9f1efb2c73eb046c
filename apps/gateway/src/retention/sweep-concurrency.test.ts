import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createPrismaClient, openDatabase, scopeToTenant } from "@custos/db";
import { createMigratedTestDatabase } from "@custos/db/testing";
import { afterEach, describe, expect, inject, it } from "vitest";
import { seedSubjectsPastDue } from "../../test/bulk-seed.ts";
import { moveClockTo, restoreClock } from "../../test/clock.ts";
import { ABANDONED_AFTER_MS, sweepRetention } from "./sweep.ts";

// Seeded by bench:retention's seed (one INSERT … generate_series): 3000 people registered in 2020, as
// registerSubjectContact would leave them, too many to register one call at a time within a test.
const ROWS = 3000;
const LONG_AGO = new Date("2020-01-01T00:00:00.000Z");
const gatewayRoot = fileURLToPath(new URL("../../", import.meta.url));

/** A second gateway process's own connection pool to the same database. */
async function secondProcessClient(url: string) {
  const db = await openDatabase({ kind: "postgres", url });
  return createPrismaClient(db);
}

describe("the retention sweep across processes on postgres", () => {
  afterEach(restoreClock);
  it("never processes a row twice when two sweeps race", async () => {
    await using database = await createMigratedTestDatabase("postgres", inject("postgresAdminUrl"));
    const { prisma } = database;
    if (database.db.target.kind !== "postgres") throw new Error("expected a PostgreSQL database");
    const { id: tenantId } = await prisma.tenant.findFirstOrThrow();
    await seedSubjectsPastDue(prisma, tenantId, ROWS, LONG_AGO);
    const other = await secondProcessClient(database.db.target.url);
    try {
      // A short pause between batches keeps both sweeps at work over the same rows for most of the run.
      const [first, second] = await Promise.all([
        sweepRetention(scopeToTenant(prisma, tenantId), tenantId, { batchSize: 100, pauseMs: 20 }),
        sweepRetention(scopeToTenant(other, tenantId), tenantId, { batchSize: 100, pauseMs: 20 }),
      ]);
      // The invariant, whoever won which batches: the two runs' counts add up to every row once.
      const processed = [first, second].map((run) => run.counts.identity?.processed ?? 0);
      expect(processed.reduce((sum, count) => sum + count, 0)).toBe(ROWS);
      expect(await prisma.dataSubject.count({ where: { erasedAt: { not: null } } })).toBe(ROWS);
      const recorded = await prisma.retentionRun.findMany({ select: { counts: true, status: true } });
      expect(recorded.map((run) => run.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    } finally {
      await other.$disconnect();
    }
  });

  it("resumes after a sweep process is killed: every committed batch stays done and the next run finishes the rest", async () => {
    await using database = await createMigratedTestDatabase("postgres", inject("postgresAdminUrl"));
    const { prisma } = database;
    if (database.db.target.kind !== "postgres") throw new Error("expected a PostgreSQL database");
    const { id: tenantId } = await prisma.tenant.findFirstOrThrow();
    await seedSubjectsPastDue(prisma, tenantId, ROWS, LONG_AGO);

    // Node itself with tsx's loader, so the process killed is the one sweeping (the tsx binary would fork it).
    const child = spawn(process.execPath, ["--import", "tsx", "src/app/cli/retention.ts", "sweep", "--batch", "100", "--pause", "500"], {
      cwd: gatewayRoot,
      env: { ...process.env, DATABASE_URL: database.db.target.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (/identity: \d+\/\d+ subjects processed/.test(output)) resolve();
      });
      child.on("exit", () => reject(new Error(`the sweep exited before its first batch: ${output}`)));
    });
    child.kill("SIGKILL");
    await once(child, "close");

    const [killed] = await prisma.retentionRun.findMany();
    const erasedByKilled = await prisma.dataSubject.count({ where: { erasedAt: { not: null } } });
    expect(killed?.status).toBe("RUNNING");
    expect(erasedByKilled).toBeGreaterThan(0);
    expect(erasedByKilled).toBeLessThan(ROWS);
    expect((killed?.counts as { identity?: { processed: number } } | undefined)?.identity?.processed).toBe(erasedByKilled);

    // The next run, more than ten minutes after the killed one's last heartbeat, marks it failed and finishes the rest.
    moveClockTo(new Date(Date.now() + ABANDONED_AFTER_MS + 60_000));
    const resumed = await sweepRetention(scopeToTenant(prisma, tenantId), tenantId, { batchSize: 100 });
    expect(resumed.counts.identity?.processed).toBe(ROWS - erasedByKilled);
    expect(await prisma.dataSubject.count({ where: { erasedAt: null } })).toBe(0);
    expect(await prisma.retentionRun.findUniqueOrThrow({ where: { id: killed?.id } })).toMatchObject({ status: "FAILED" });
  });
});
