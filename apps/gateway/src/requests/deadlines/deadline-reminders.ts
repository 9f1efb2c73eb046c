import type { TenantScopedPrisma } from "@custos/db";
import { enqueueNotices } from "../../outbox/outbox-service.ts";
import { dueStatus } from "../rules/due-status.ts";

/** The requests one reminder lists by name; the counts cover all of them. */
const LISTED = 20;

/**
 * One e-mail to the controller's privacy contact listing the open requests that are overdue or due within 3 days (the
 * staff queue's `dueSoon`), so nobody has to remember to look. Nothing is sent when none is. Returns how many it named.
 */
export async function queueDeadlineReminder(db: TenantScopedPrisma, tenantId: string, now = new Date()): Promise<number> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { controllerEmail: true } });
  const open = await db.privacyRequest.findMany({
    where: { closedAt: null },
    select: { id: true, type: true, dueAt: true },
    orderBy: { dueAt: "asc" },
  });
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
