import { setTimeout as sleep } from "node:timers/promises";
import { Prisma, type TenantScopedPrisma } from "@custos/db";
import { z } from "zod";
import { OWN_DATA, type OwnData } from "./own-data.ts";
import { cutoffFor } from "./rules/retention-decision.ts";
import type { RetentionPolicy } from "./rules/retention-policy.ts";

/** Per data category: rows of Custos's own data processed (or, in a dry run, that would be), due rows kept under a hold, tasks queued. */
export const CategoryCountsSchema = z.object({ processed: z.number().int(), held: z.number().int(), tasksQueued: z.number().int() });
export type CategoryCounts = z.infer<typeof CategoryCountsSchema>;

/** What a run did per data category's key, as RetentionRun.counts holds it. */
export const SweepCountsSchema = z.record(z.string(), CategoryCountsSchema);
export type SweepCounts = z.infer<typeof SweepCountsSchema>;

export interface SweepOptions {
  dryRun?: boolean;
  batchSize?: number;
  /** Pause between batches, to spare a busy database. */
  pauseMs?: number;
  now?: Date;
  /** `cli`, `schedule` (the daily job, jobs/tasks.ts), or the audit label of the staff key that asked. */
  startedBy?: string;
  onProgress?: (line: string) => void;
}

export interface SweepResult {
  runId: string;
  dryRun: boolean;
  counts: SweepCounts;
}

/**
 * Rows per batch: each batch's transaction, counts and audit entry cost the same whatever its size, and a batch of
 * 10 000 is claimed and processed in a fraction of a second, the longest a peer or a request waits for its rows.
 */
export const SWEEP_BATCH_SIZE = 10_000;

/** A RUNNING run whose heartbeat is older than this died with its process; the next sweep says so. */
export const ABANDONED_AFTER_MS = 10 * 60_000;
const FIRST_UUID = "00000000-0000-0000-0000-000000000000";

interface SweptPolicy extends RetentionPolicy {
  dataCategoryId: string;
  categoryKey: string;
}

function activeHoldCovering(subjectId: Prisma.Sql, dataCategoryId: string, now: Date): Prisma.Sql {
  const at = now.toISOString();
  return Prisma.sql`EXISTS (SELECT 1 FROM "LegalHold" h WHERE h."tenantId" = r."tenantId"
    AND (h."releasedAt" IS NULL OR h."releasedAt" > ${at}::timestamp(3))
    AND (h."expiresAt" IS NULL OR h."expiresAt" > ${at}::timestamp(3))
    AND (h."subjectId" IS NULL OR h."subjectId" = ${subjectId})
    AND (h."dataCategoryId" IS NULL OR h."dataCategoryId" = ${dataCategoryId}::uuid))`;
}

/** Rows due under the policy and not processed yet; `held` picks those an active hold keeps, or those it does not. */
function dueRows(own: OwnData, clockStart: Prisma.Sql, tenantId: string, policy: SweptPolicy, now: Date, held: boolean): Prisma.Sql {
  const cutoff = cutoffFor(policy, now).toISOString();
  const hold = activeHoldCovering(own.subjectIdColumn, policy.dataCategoryId, now);
  return Prisma.sql`r."tenantId" = ${tenantId}::uuid AND ${own.pending} AND ${clockStart} < ${cutoff}::timestamp(3)
    AND ${held ? hold : Prisma.sql`NOT ${hold}`}`;
}

async function countRows(db: TenantScopedPrisma, own: OwnData, where: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM ${own.table} WHERE ${where}`;
  return Number(row?.count ?? 0);
}

/**
 * Claims one batch with FOR UPDATE SKIP LOCKED and processes it in the same statement, within a short transaction
 * that writes the run's counts with it: a batch is done and counted, or neither. Another process sweeping at the same
 * time skips the claimed rows, and once this commits they are no longer pending, so no row is processed twice.
 */
async function processBatch(
  db: TenantScopedPrisma,
  own: OwnData,
  where: Prisma.Sql,
  after: string,
  context: { tenantId: string; runId: string; batchSize: number; now: Date; counts: SweepCounts; categoryKey: string },
): Promise<string | null> {
  return db.$transaction(
    async (tx) => {
      const [batch] = await tx.$queryRaw<{ processed: number; last: string | null }[]>`
        WITH claimed AS (
          SELECT r.id FROM ${own.table} WHERE ${where} AND r.id > ${after}::uuid
          ORDER BY r.id LIMIT ${context.batchSize} FOR UPDATE OF r SKIP LOCKED),
        ${own.process(context.tenantId, context.now)}
        SELECT count(*)::int AS processed, (SELECT c.id::text FROM claimed c ORDER BY c.id DESC LIMIT 1) AS last FROM claimed`;
      if (!batch?.last) return null;
      const counts = context.counts[context.categoryKey] as CategoryCounts;
      counts.processed += batch.processed;
      await tx.retentionRun.update({
        where: { id: context.runId },
        data: { counts: context.counts, heartbeatAt: new Date() },
      });
      await tx.auditLogEntry.create({
        data: { tenantId: context.tenantId, actor: "retention-sweep", operation: "retentionSweep", requestId: context.runId },
      });
      return batch.last;
    },
    { timeout: 120_000 },
  );
}

async function sweepOwnData(
  db: TenantScopedPrisma,
  own: OwnData,
  clockStart: Prisma.Sql,
  policy: SweptPolicy,
  context: { tenantId: string; runId: string; batchSize: number; pauseMs: number; now: Date; counts: SweepCounts; dryRun: boolean },
  progress: (line: string) => void,
): Promise<void> {
  const counts = context.counts[policy.categoryKey] as CategoryCounts;
  const where = dueRows(own, clockStart, context.tenantId, policy, context.now, false);
  counts.held = await countRows(db, own, dueRows(own, clockStart, context.tenantId, policy, context.now, true));
  if (context.dryRun) {
    counts.processed = await countRows(db, own, where);
    progress(`${policy.categoryKey}: would ${policy.action.toLowerCase()} ${counts.processed} ${own.noun}; ${counts.held} kept under hold`);
    return;
  }
  const remaining = await countRows(db, own, where);
  progress(`${policy.categoryKey}: ${remaining} ${own.noun} past due, ${counts.held} kept under hold`);
  // One pass in id order, then one more from the start for rows a crashed peer had locked while this pass went by;
  // none when this pass processed every row that was due, since then no peer held any.
  for (let pass = 0; pass < 2 && counts.processed < remaining; pass += 1) {
    let after: string | null = FIRST_UUID;
    while (after !== null) {
      after = await processBatch(db, own, where, after, { ...context, categoryKey: policy.categoryKey });
      if (after !== null) {
        progress(`${policy.categoryKey}: ${counts.processed}/${remaining} ${own.noun} processed`);
        if (context.pauseMs > 0) await sleep(context.pauseMs);
      }
    }
  }
}

/**
 * Queues one task per registered data system for the category's data they hold; a hold on the whole category queues
 * none. A system with a task of this category still open gets no second one, however many sweeps run at once (the
 * unique index on open tasks); the sweep after it is done queues the next.
 */
async function queueTasks(
  db: TenantScopedPrisma,
  policy: SweptPolicy,
  context: { tenantId: string; runId: string; now: Date; dryRun: boolean },
): Promise<number> {
  const holds = await db.legalHold.findMany({
    where: {
      releasedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: context.now } }],
      AND: [{ OR: [{ dataCategoryId: null }, { dataCategoryId: policy.dataCategoryId }] }],
    },
    select: { subjectId: true, subject: { select: { externalId: true } } },
  });
  if (holds.some((hold) => hold.subjectId === null)) return 0;
  const systems = await db.dataSystem.findMany({ where: { retiredAt: null }, select: { id: true } });
  if (context.dryRun) return systems.length;
  const heldSubjectIds = [...new Set(holds.flatMap((hold) => (hold.subject ? [hold.subject.externalId] : [])))].sort();
  const created = await db.retentionTask.createMany({
    data: systems.map((system) => ({
      tenantId: context.tenantId,
      runId: context.runId,
      dataSystemId: system.id,
      dataCategoryId: policy.dataCategoryId,
      action: policy.action,
      trigger: policy.trigger,
      clockStartBefore: cutoffFor(policy, context.now),
      heldSubjectIds,
    })),
    skipDuplicates: true,
  });
  return created.count;
}

async function markAbandonedRuns(db: TenantScopedPrisma, now: Date): Promise<void> {
  await db.retentionRun.updateMany({
    where: { status: "RUNNING", heartbeatAt: { lt: new Date(now.getTime() - ABANDONED_AFTER_MS) } },
    data: { status: "FAILED", finishedAt: now, error: "interrupted: the sweep's process stopped; a later run took over what was left" },
  });
}

/**
 * One retention sweep of one tenant: Custos's own data in batches, and tasks for the data systems. Records a
 * RetentionRun from start to finish. Several processes may run it at once; a killed run leaves every committed
 * batch done and the rest pending, so the next run finishes it.
 */
export async function sweepRetention(db: TenantScopedPrisma, tenantId: string, options: SweepOptions = {}): Promise<SweepResult> {
  const { dryRun = false, batchSize = SWEEP_BATCH_SIZE, pauseMs = 0, now = new Date(), startedBy = "cli", onProgress = () => {} } = options;
  await markAbandonedRuns(db, now);
  const policies: SweptPolicy[] = (
    await db.retentionPolicy.findMany({ include: { dataCategory: { select: { key: true } } }, orderBy: { dataCategory: { key: "asc" } } })
  ).map((policy) => ({ ...policy, categoryKey: policy.dataCategory.key }));
  const counts: SweepCounts = Object.fromEntries(policies.map((policy) => [policy.categoryKey, { processed: 0, held: 0, tasksQueued: 0 }]));
  const run = await db.retentionRun.create({
    data: { tenantId, dryRun, startedAt: now, heartbeatAt: now, startedBy, counts: counts },
  });
  const context = { tenantId, runId: run.id, batchSize, pauseMs, now, counts, dryRun };
  if (policies.length === 0) onProgress("no retention policy is set (setRetentionPolicy): nothing to sweep");
  try {
    for (const policy of policies) {
      const categoryCounts = counts[policy.categoryKey] as CategoryCounts;
      categoryCounts.tasksQueued = await queueTasks(db, policy, context);
      const own = OWN_DATA.find((candidate) => candidate.categoryKey === policy.categoryKey);
      const clockStart = own?.clockStart(policy.trigger) ?? null;
      if (own && clockStart) await sweepOwnData(db, own, clockStart, policy, context, onProgress);
      onProgress(`${policy.categoryKey}: ${categoryCounts.tasksQueued} data-system task(s) ${dryRun ? "would be " : ""}queued`);
    }
    await db.retentionRun.update({
      where: { id: run.id },
      data: { status: "SUCCEEDED", finishedAt: new Date(), heartbeatAt: new Date(), counts: counts },
    });
    return { runId: run.id, dryRun, counts };
  } catch (error) {
    // The error's kind only: a database message may quote the rows it choked on.
    const kind = error instanceof Error ? error.name : "unknown error";
    await db.retentionRun.update({
      where: { id: run.id },
      data: { status: "FAILED", finishedAt: new Date(), error: kind, counts: counts },
    });
    throw error;
  }
}
