import type { TenantScopedPrisma } from "@custos/db";
import { enqueueNotices } from "../../outbox/outbox-service.ts";
import { dueStatus } from "../rules/due-status.ts";
import { reconcileWithdrawalDestructions } from "./withdrawal-destructions.ts";

/** The requests one reminder lists by name; the counts cover all of them. */
const LISTED = 20;

/** How a destruction after a withdrawal of consent is listed among the requests (152-FZ Art. 21 part 5). */
export const DESTRUCTION_ENTRY_TYPE = "DESTRUCTION_AFTER_WITHDRAWAL";

/**
 * One e-mail to the controller's privacy contact listing the open requests, and the destructions owed after a
 * withdrawal of consent, that are overdue or due within 3 days (the staff queue's `dueSoon`), so nobody has to
 * remember to look. Nothing is sent when none is. Returns how many it named. It first opens any destruction a recent
 * withdrawal should have opened and did not.
 */
export async function queueDeadlineReminder(db: TenantScopedPrisma, tenantId: string, now = new Date()): Promise<number> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { controllerEmail: true } });
  await reconcileWithdrawalDestructions(db, tenantId, now);
  const [requests, destructions] = await Promise.all([
    db.privacyRequest.findMany({ where: { closedAt: null }, select: { id: true, type: true, dueAt: true } }),
    db.withdrawalDestruction.findMany({ where: { closedAt: null }, select: { id: true, dueAt: true } }),
  ]);
  const open = [
    ...requests.map(({ id, type, dueAt }) => ({ id, type: type as string, dueAt })),
    ...destructions.map(({ id, dueAt }) => ({ id, type: DESTRUCTION_ENTRY_TYPE, dueAt })),
  ].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const pressing = open
    .map((request) => ({ ...request, state: dueStatus(request.dueAt, now).state }))
    .filter((request) => request.state !== "on-track");
  if (pressing.length === 0) return 0;
  const entry = ({ id, type, dueAt }: (typeof pressing)[number]) => ({ id, type, dueAt: dueAt.toISOString() });
  await enqueueNotices(db, tenantId, [
    {
      template: "staff.deadline-reminder",
      recipient: tenant.controllerEmail,
      payload: {
        overdue: pressing
          .filter((request) => request.state === "overdue")
          .map(entry)
          .slice(0, LISTED),
        dueSoon: pressing
          .filter((request) => request.state === "due-soon")
          .map(entry)
          .slice(0, LISTED),
        overdueCount: pressing.filter((request) => request.state === "overdue").length,
        dueSoonCount: pressing.filter((request) => request.state === "due-soon").length,
      },
    },
  ]);
  return pressing.length;
}
