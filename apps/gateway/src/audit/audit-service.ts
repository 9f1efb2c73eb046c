import type { Prisma, TenantScopedPrisma } from "@custos/db";
import { actorLabel } from "../access/caller.ts";
import type { Context } from "../context.ts";
import { recordReadAudit } from "./audit-group-commit.ts";

export interface AuditedAction {
  /** The GraphQL field or command that read or changed the records. */
  operation: string;
  /** Internal id of the person whose data was read or changed, when there is one. */
  subjectId?: string | null;
  /** What an action about many subjects covered, since it names no one subject: e.g. a bulk check's purpose and count. */
  details?: Prisma.InputJsonObject;
}

type AuditWriter = Pick<TenantScopedPrisma, "auditLogEntry">;

/** One call's entry: who called, and what it read or changed. */
export interface AuditEntry {
  ctx: Pick<Context, "caller" | "tenantId" | "requestId">;
  action: AuditedAction;
}

/** The row an entry is stored as, by Prisma here and by the raw statements of the group commit and the consent batch. */
export function entryRow({ ctx, action }: AuditEntry) {
  return {
    tenantId: ctx.tenantId,
    actor: actorLabel(ctx.caller),
    operation: action.operation,
    subjectId: action.subjectId ?? null,
    details: action.details,
    requestId: ctx.requestId,
  };
}

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
