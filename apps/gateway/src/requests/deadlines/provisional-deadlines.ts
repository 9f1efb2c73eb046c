import type { PrismaClient } from "@custos/db";
import { CURATED_CALENDARS, type CuratedCalendars, computeDeadlines } from "../rules/index.ts";

export interface MovedDeadline {
  readonly requestId: string;
  readonly from: Date;
  readonly to: Date;
}

export interface Recomputation {
  /** Open requests whose deadline was provisional. */
  readonly checked: number;
  /** Those whose deadline now comes from official calendars only. */
  readonly settled: number;
  readonly moved: readonly MovedDeadline[];
}

/**
 * Recounts every open provisional deadline, of every tenant, with the calendars in force: run at each start, so
 * a release that adds a year's act turns that year's provisional deadlines into official ones. Each change is
 * conditional on the deadline read, so gateways starting together apply it once; a moved deadline keeps the
 * provisional one in `deadlineMovedFrom` and gets an event in the request's history for staff to see.
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
    const input = { jurisdiction: request.jurisdiction, type: request.type, receivedAt: request.receivedAt };
    const atReceipt = computeDeadlines(input, { calendars });
    // An open pause is applied when it ends, as endPauses does; until then the deadline in force ignores it.
    const pauses = request.pauses.flatMap((pause) => (pause.endedAt ? [{ from: pause.startedAt, to: pause.endedAt }] : []));
    const inForce = computeDeadlines(
      {
        ...input,
        pauses,
        // The extension's notice was checked when it was given, against a deadline no later than this one.
        ...(request.extendedDueAt ? { extension: { reason: request.extensionReason ?? "extended", requestedAt: request.receivedAt } } : {}),
      },
      { calendars },
    );
    const dueAt = inForce.extendedDueAt ?? inForce.dueAt;
    const moves = dueAt.getTime() !== request.dueAt.getTime();
    if (inForce.provisional && !moves) continue;
    const changed = await prisma.$transaction(async (tx) => {
      const updated = await tx.privacyRequest.updateMany({
        where: { id: request.id, deadlineProvisional: true, dueAt: request.dueAt },
        data: {
          dueAt,
          initialDueAt: atReceipt.dueAt,
          acknowledgeBy: atReceipt.acknowledgeBy ?? null,
          extensionNoticeBy: atReceipt.extensionNoticeBy ?? null,
          extendedDueAt: inForce.extendedDueAt ?? null,
          deadlineProvisional: inForce.provisional,
          ...(moves ? { deadlineMovedFrom: request.deadlineMovedFrom ?? request.dueAt } : {}),
        },
      });
      if (updated.count !== 1 || !moves) return updated.count === 1;
      await tx.requestEvent.create({
        data: {
          requestId: request.id,
          fromStatus: request.status,
          toStatus: request.status,
          actor: "system",
          note:
            `deadline recounted with ${inForce.calendar}${inForce.provisional ? " (still provisional)" : ""}: ` +
            `${request.dueAt.toISOString()} → ${dueAt.toISOString()}`,
        },
      });
      return true;
    });
    if (!changed) continue;
    if (!inForce.provisional) settled += 1;
    if (moves) moved.push({ requestId: request.id, from: request.dueAt, to: dueAt });
  }
  return { checked: requests.length, settled, moved };
}
