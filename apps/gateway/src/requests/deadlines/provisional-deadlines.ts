import type { Prisma, TenantScopedPrisma } from "@custos/db";
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

/** An open request whose deadline is provisional, with its pauses. */
export type ProvisionalRequest = Prisma.PrivacyRequestGetPayload<{ include: { pauses: true } }>;

/** What recounting one provisional deadline changed; null when nothing did. */
export interface Recount {
  /** Its deadline now comes from official calendars only. */
  readonly settled: boolean;
  readonly moved: MovedDeadline | null;
}

/**
 * Recounts one open provisional deadline with the calendars in force (cross-tenant/provisional-deadlines.ts runs it
 * for every tenant at each start), so a release that adds a year's act turns that year's provisional deadlines into
 * official ones. The change is conditional on the deadline read, so gateways starting together apply it once; a moved
 * deadline keeps the provisional one in `deadlineMovedFrom` and gets an event in the request's history for staff to see.
 */
export async function recountProvisionalDeadline(
  db: TenantScopedPrisma,
  request: ProvisionalRequest,
  calendars: CuratedCalendars = CURATED_CALENDARS,
): Promise<Recount | null> {
  const input = {
    jurisdiction: request.jurisdiction,
    type: request.type,
    directMarketing: request.directMarketing,
    receivedAt: request.receivedAt,
  };
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
  if (inForce.provisional && !moves) return null;
  const changed = await db.$transaction(async (tx) => {
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
  if (!changed) return null;
  return { settled: !inForce.provisional, moved: moves ? { requestId: request.id, from: request.dueAt, to: dueAt } : null };
}
