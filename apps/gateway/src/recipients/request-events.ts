import type { RequestType, TenantTransaction } from "@custos/db";

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
