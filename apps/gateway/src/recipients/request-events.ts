import { randomUUID } from "node:crypto";
import type { RequestType, TenantTransaction } from "@custos/db";

/** A restriction lifted (liftProcessingRestriction): the recipients told of it may process the person's data again. */
const RESTRICTION_LIFTED = "request.restriction_lifted";

/**
 * The requests every recipient is told of when they take effect (GDPR Art. 19, 152-FZ Art. 21): the Standard Webhooks
 * event type of each, named like `consent.changed`.
 */
const TOLD: Partial<Record<RequestType, string>> = {
  ERASURE: "request.erasure",
  RECTIFICATION: "request.rectification",
  RESTRICTION: "request.restriction",
};

export interface CompletedRequest {
  id: string;
  tenantId: string;
  type: RequestType;
  subjectId: string | null;
  contactEmail: string | null;
}

/**
 * Writes one delivery per active endpoint for a completed erasure, rectification or restriction, in the transaction
 * that completes it, so it is told exactly once whatever happens next. The payload is written now because an erasure
 * replaces the app's subject id right after: it names the person by the app's id, or, for a request made without an
 * account, by the address the code proved (the only handle a mailing platform has). What was corrected is not sent:
 * the recipient reads the corrected record from the system that holds it.
 */
export async function tellRecipientsOfRequest(tx: TenantTransaction, request: CompletedRequest, completedAt: Date): Promise<void> {
  const type = TOLD[request.type];
  if (!type) return;
  const endpoints = await tx.webhookEndpoint.findMany({ where: { disabledAt: null }, select: { id: true } });
  if (endpoints.length === 0) return;
  const subject = request.subjectId
    ? await tx.dataSubject.findUnique({ where: { id: request.subjectId }, select: { externalId: true } })
    : null;
  const payload = {
    requestId: request.id,
    subjectId: subject?.externalId ?? null,
    email: subject ? null : (request.contactEmail?.toLowerCase() ?? null),
    completedAt: completedAt.toISOString(),
  };
  await tx.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => ({ tenantId: request.tenantId, endpointId: endpoint.id, type, eventId: request.id, payload })),
    skipDuplicates: true,
  });
}

/**
 * Writes one delivery per active endpoint for a lifted restriction, in the transaction that lifts it: the recipients
 * told of the restriction (Art. 19 covers every restriction "carried out") hear that it ended. The event gets an id of
 * its own, one per lift; `requestId` names the restriction request it ends, so a recipient can match the two.
 */
export async function tellRecipientsOfLift(
  tx: TenantTransaction,
  tenantId: string,
  subject: { id: string; externalId: string },
  liftedAt: Date,
): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { disabledAt: null }, select: { id: true } });
  if (endpoints.length === 0) return;
  const restriction = await tx.privacyRequest.findFirst({
    where: { subjectId: subject.id, type: "RESTRICTION", status: "COMPLETED" },
    orderBy: { closedAt: "desc" },
    select: { id: true },
  });
  // Shaped like a completed request's, so a recipient names the person the same way: a restriction always has an account.
  const payload = { requestId: restriction?.id ?? null, subjectId: subject.externalId, email: null, liftedAt: liftedAt.toISOString() };
  const eventId = randomUUID();
  await tx.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => ({ tenantId, endpointId: endpoint.id, type: RESTRICTION_LIFTED, eventId, payload })),
  });
}
