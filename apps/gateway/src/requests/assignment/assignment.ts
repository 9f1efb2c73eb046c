import type { TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { isUuid } from "../../ground/identifiers/uuid.ts";

type AssignmentCaller = Pick<Context, "caller" | "tenantId" | "requestId">;

/**
 * Gives an open request to a member of staff (by the provider's subject), or takes it back with null. Only people who
 * signed in with the staff role can be given requests: the register is filled by their sign-ins, not typed.
 */
export async function assignRequest(db: TenantScopedPrisma, ctx: AssignmentCaller, id: string, assigneeSubject: string | null) {
  return db.$transaction(async (tx) => {
    const request = isUuid(id)
      ? await tx.privacyRequest.findUnique({ where: { id }, select: { id: true, subjectId: true, closedAt: true } })
      : null;
    if (!request) throw new CustosError("NOT_FOUND", "There is no such request.");
    let assigneeId: string | null = null;
    if (assigneeSubject !== null) {
      const member = await tx.staffMember.findFirst({ where: { subject: assigneeSubject }, select: { id: true, role: true } });
      if (member?.role !== "staff") {
        throw new CustosError("INVALID_ASSIGNEE", "Requests go to privacy staff who have signed in at least once; this person is not one.");
      }
      assigneeId = member.id;
    }
    await tx.privacyRequest.update({ where: { id: request.id }, data: { assigneeId, assignedAt: assigneeId ? new Date() : null } });
    await recordAudit(tx, ctx, { operation: "assignRequest", subjectId: request.subjectId, details: { assignee: assigneeSubject } });
    return request.id;
  });
}
