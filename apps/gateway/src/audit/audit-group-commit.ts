/**
 * Group commit of read audits (batching/group-commit.ts): the entries of reads that finish while an INSERT of entries
 * is under way wait for the next one. Each read's answer still waits for its own entry to be committed: an audited
 * read is never answered unrecorded. A group that fails is written again one entry at a time, so one bad entry fails
 * only its own read.
 */
import { randomUUID } from "node:crypto";
import type { TenantScopedPrisma } from "@custos/db";
import { groupCommit, type Outcome, oneAtATimeAfterFailure } from "../ground/group-commit.ts";
import { type AuditEntry, type AuditedAction, entryRow } from "./audit-entry.ts";

type Entry = AuditEntry & { occurredAt: Date };

/** One INSERT of this many rows stays well under a millisecond of statement time. */
const MAX_GROUP = 256;
/**
 * One INSERT under way at a time per tenant: entries that arrive meanwhile make the next group larger. With four under
 * way the groups averaged under three entries, and PostgreSQL spent more CPU per audited read than on the read itself.
 */
const MAX_WRITING = 1;

const commitInGroups = groupCommit<TenantScopedPrisma, Entry, undefined>({
  maxBatch: MAX_GROUP,
  maxInFlight: MAX_WRITING,
  write: oneAtATimeAfterFailure(insertEntries),
});

/**
 * Records, outside a transaction, a call that changed nothing (a read, or a retry answered with its first write);
 * resolves once its entry is committed. A change passes its transaction to recordAudit instead.
 */
export async function recordReadAudit(db: TenantScopedPrisma, ctx: AuditEntry["ctx"], action: AuditedAction): Promise<void> {
  await commitInGroups(db, { ctx, action, occurredAt: new Date() });
}

/**
 * The group's rows in one INSERT over arrays: one statement whatever the group's size, which Prisma's createMany
 * would compile anew for each size. Raw SQL is not tenant-scoped by the client; each row names its caller's tenant.
 */
async function insertEntries(db: TenantScopedPrisma, entries: readonly Entry[]): Promise<Outcome<undefined>[]> {
  const rows = entries.map((entry) => ({ ...entryRow(entry), occurredAt: entry.occurredAt }));
  await db.$executeRaw`
    INSERT INTO "AuditLogEntry" (id, "tenantId", actor, operation, "subjectId", "requestId", "occurredAt", details)
    SELECT * FROM unnest(
      ${rows.map(() => randomUUID())}::uuid[], ${rows.map((row) => row.tenantId)}::uuid[], ${rows.map((row) => row.actor)}::text[],
      ${rows.map((row) => row.operation)}::text[], ${rows.map((row) => row.subjectId)}::uuid[],
      ${rows.map((row) => row.requestId)}::text[], ${rows.map((row) => row.occurredAt)}::timestamp(3)[],
      ${rows.map((row) => (row.details === undefined ? null : JSON.stringify(row.details)))}::jsonb[])`;
  return rows.map(() => ({ value: undefined }));
}
