/**
 * Group commit of read audits: the entries of reads that finish while an INSERT of entries is under way wait for the
 * next one, so concurrent reads share one statement and one commit (one flush of the log to disk) instead of one each.
 * Each read's answer still waits for its own entry to be committed: an audited read is never answered unrecorded.
 * Per tenant-scoped client, so the scope writes each row's tenant as it does for a single entry.
 */
import { randomUUID } from "node:crypto";
import type { TenantScopedPrisma } from "@custos/db";
import type { Context } from "../context.ts";
import { type AuditedAction, entryRow } from "./audit-service.ts";

type Entry = { ctx: Pick<Context, "caller" | "tenantId" | "requestId">; action: AuditedAction; occurredAt: Date };

interface Waiting {
  entry: Entry;
  resolve(): void;
  reject(error: unknown): void;
}

/** One INSERT of this many rows stays well under a millisecond of statement time. */
const MAX_GROUP = 256;
/**
 * INSERTs under way at once: while one waits for its commit's flush the next group is sent, and PostgreSQL flushes
 * concurrent commits together; a few keep the pool's other connections for the reads themselves.
 */
const MAX_WRITING = 4;

interface Queue {
  waiting: Waiting[];
  writing: number;
}

const queues = new WeakMap<TenantScopedPrisma, Queue>();

/** Records a read made outside a transaction; resolves once its entry is committed. A change passes its transaction to recordAudit instead. */
export function recordReadAudit(db: TenantScopedPrisma, ctx: Entry["ctx"], action: AuditedAction): Promise<void> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], writing: 0 };
    queues.set(db, queue);
  }
  const joined = queue;
  return new Promise<void>((resolve, reject) => {
    joined.waiting.push({ entry: { ctx, action, occurredAt: new Date() }, resolve, reject });
    if (joined.writing < MAX_WRITING) void writeGroups(db, joined);
  });
}

async function writeGroups(db: TenantScopedPrisma, queue: Queue): Promise<void> {
  queue.writing += 1;
  try {
    while (queue.waiting.length > 0) await writeGroup(db, queue.waiting.splice(0, MAX_GROUP));
  } finally {
    queue.writing -= 1;
  }
}

/**
 * The group's rows in one INSERT over arrays: one statement whatever the group's size, which Prisma's createMany
 * would compile anew for each size. Raw SQL is not tenant-scoped by the client; each row names its caller's tenant.
 */
async function insertEntries(db: TenantScopedPrisma, entries: readonly Entry[]): Promise<void> {
  const rows = entries.map(({ ctx, action, occurredAt }) => ({ ...entryRow(ctx, action), occurredAt }));
  await db.$executeRaw`
    INSERT INTO "AuditLogEntry" (id, "tenantId", actor, operation, "subjectId", "requestId", "occurredAt", details)
    SELECT * FROM unnest(
      ${rows.map(() => randomUUID())}::uuid[], ${rows.map((row) => row.tenantId)}::uuid[], ${rows.map((row) => row.actor)}::text[],
      ${rows.map((row) => row.operation)}::text[], ${rows.map((row) => row.subjectId)}::uuid[],
      ${rows.map((row) => row.requestId)}::text[], ${rows.map((row) => row.occurredAt)}::timestamp(3)[],
      ${rows.map((row) => (row.details === undefined ? null : JSON.stringify(row.details)))}::jsonb[])`;
}

/** A group that fails is written again one entry at a time, so one bad entry fails only its own read. */
async function writeGroup(db: TenantScopedPrisma, group: readonly Waiting[]): Promise<void> {
  try {
    await insertEntries(
      db,
      group.map((waiting) => waiting.entry),
    );
    for (const waiting of group) waiting.resolve();
  } catch (error) {
    if (group.length === 1) return group[0]?.reject(error);
    for (const waiting of group) await writeGroup(db, [waiting]);
  }
}
