import type { Prisma, TenantScopedPrisma } from "@custos/db";
import { actorLabel } from "../ground/caller.ts";
import type { Context } from "../ground/context.ts";

export interface AuditedAction {
  /** The GraphQL field or command that read or changed the records. */
  operation: string;
  /** Internal id of the person whose data was read or changed, when there is one. */
  subjectId?: string | null;
  /** What an action about many subjects covered, since it names no one subject: e.g. a bulk check's purpose and count. */
  details?: Prisma.InputJsonObject;
}

export type AuditWriter = Pick<TenantScopedPrisma, "auditLogEntry">;

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
