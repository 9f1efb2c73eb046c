/**
 * Group commit of read audits: the entries of reads that finish while an INSERT of entries is under way wait for the
 * next one, so concurrent reads share one statement and one commit (one flush of the log to disk) instead of one each.
 * Each read's answer still waits for its own entry to be committed: an audited read is never answered unrecorded.
 * Per tenant-scoped client, so the scope writes each row's tenant as it does for a single entry.
 */
import type { TenantScopedPrisma } from "@custos/db";
import type { Context } from "../context.ts";
import { type AuditedAction, recordAudits } from "./audit-service.ts";

type Entry = { ctx: Pick<Context, "caller" | "tenantId" | "requestId">; action: AuditedAction };

interface Waiting {
  entry: Entry;
  resolve(): void;
  reject(error: unknown): void;
}

/** One INSERT of this many rows stays well under a millisecond of statement time. */
const MAX_GROUP = 256;

const queues = new WeakMap<TenantScopedPrisma, { waiting: Waiting[]; writing: boolean }>();

/** Records a read made outside a transaction; resolves once its entry is committed. A change passes its transaction to recordAudit instead. */
export function recordReadAudit(db: TenantScopedPrisma, ctx: Entry["ctx"], action: AuditedAction): Promise<void> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], writing: false };
    queues.set(db, queue);
  }
  const joined = queue;
  return new Promise<void>((resolve, reject) => {
    joined.waiting.push({ entry: { ctx, action }, resolve, reject });
    if (!joined.writing) void writeGroups(db, joined);
  });
}

async function writeGroups(db: TenantScopedPrisma, queue: { waiting: Waiting[]; writing: boolean }): Promise<void> {
  queue.writing = true;
  try {
    while (queue.waiting.length > 0) await writeGroup(db, queue.waiting.splice(0, MAX_GROUP));
  } finally {
    queue.writing = false;
  }
}

/** A group that fails is written again one entry at a time, so one bad entry fails only its own read. */
async function writeGroup(db: TenantScopedPrisma, group: readonly Waiting[]): Promise<void> {
  try {
    await recordAudits(
      db,
      group.map((waiting) => waiting.entry),
    );
    for (const waiting of group) waiting.resolve();
  } catch (error) {
    if (group.length === 1) return group[0]?.reject(error);
    for (const waiting of group) await writeGroup(db, [waiting]);
  }
}
