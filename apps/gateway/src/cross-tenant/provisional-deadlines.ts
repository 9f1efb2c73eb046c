import { type PrismaClient, scopeToTenant } from "@custos/db";
import { type MovedDeadline, type Recomputation, recountProvisionalDeadline } from "../requests/deadlines/provisional-deadlines.ts";
import { CURATED_CALENDARS, type CuratedCalendars } from "../requests/rules/index.ts";

/**
 * Recounts every open provisional deadline, of every tenant, with the calendars in force: run at each start. Each
 * request is recounted through its own tenant's client (requests/deadlines/provisional-deadlines.ts).
 */
export async function recomputeProvisionalDeadlines(
  prisma: PrismaClient,
  calendars: CuratedCalendars = CURATED_CALENDARS,
): Promise<Recomputation> {
  const requests = await prisma.privacyRequest.findMany({
    where: { deadlineProvisional: true, closedAt: null },
    include: { pauses: true },
  });
  const moved: MovedDeadline[] = [];
  let settled = 0;
  for (const request of requests) {
    const recount = await recountProvisionalDeadline(scopeToTenant(prisma, request.tenantId), request, calendars);
    if (recount?.settled) settled += 1;
    if (recount?.moved) moved.push(recount.moved);
  }
  return { checked: requests.length, settled, moved };
}
