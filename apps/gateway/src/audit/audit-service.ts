import type { Context } from "../ground/context.ts";
import { type AuditedAction, type AuditWriter, entryRow } from "./audit-entry.ts";
import { recordReadAudit } from "./audit-group-commit.ts";

/**
 * Every read of personal data and every change leaves a row: who (a non-secret handle), what,
 * about whom, when, and the request id that ties it to the gateway's log. Pass the transaction
 * client for a change, so the entry and the change commit together.
 */
export async function recordAudit(db: AuditWriter, ctx: Pick<Context, "caller" | "tenantId" | "requestId">, action: AuditedAction) {
  await db.auditLogEntry.create({ data: entryRow({ ctx, action }) });
}

/** Reads, then records the read: a read that fails (a malformed cursor, a bad filter) is refused and records nothing. */
export async function auditedRead<T>(
  ctx: Pick<Context, "prisma" | "caller" | "tenantId" | "requestId">,
  action: AuditedAction,
  read: () => Promise<T>,
): Promise<T> {
  const result = await read();
  await recordReadAudit(ctx.prisma, ctx, action);
  return result;
}
