import { Prisma, type PrismaClient } from "@custos/db";
import { Webhook } from "standardwebhooks";
import { unsealWebhookSecret } from "../recipients/webhook-secrets.ts";

// The webhook queue runs across tenants like the outbox's (outbox-dispatch.ts): deliveries are claimed oldest first,
// whoever's they are, and a delivery job names a delivery, not a tenant.

/** Attempts before a delivery goes to the dead-letter list: e^n seconds apart, about 16 hours in all, as notices. */
export const WEBHOOK_MAX_ATTEMPTS = 12;

/** A receiver that takes longer is counted as down; its retry comes later. */
const SEND_TIMEOUT_MS = 10_000;

type HandOver = (tx: Prisma.TransactionClient, ids: string[]) => Promise<void>;

/** Claims PENDING deliveries (SKIP LOCKED), marks them QUEUED and hands them to the queue in one transaction: once each. */
export async function claimPendingDeliveries(
  prisma: PrismaClient,
  handOver: HandOver = async () => {},
  batchSize = 100,
): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "WebhookDelivery" SET status = 'QUEUED'
      WHERE id IN (SELECT id FROM "WebhookDelivery" WHERE status = 'PENDING' ORDER BY "createdAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    const ids = rows.map((row) => row.id);
    if (ids.length > 0) await handOver(tx, ids);
    return ids;
  });
}

export type WebhookOutcome = "delivered" | "retry" | "dead-lettered" | "gone";

/** What the receiver gets: the consent event as the company's apps know it (the app's subject id, the purpose's key). */
async function consentChangedPayload(prisma: PrismaClient, eventId: string, at: Date) {
  const event = await prisma.consentEvent.findUniqueOrThrow({
    where: { id: eventId },
    include: { subject: { select: { externalId: true } }, purpose: { select: { key: true } }, cookieCategory: { select: { key: true } } },
  });
  return {
    subjectId: event.subjectId,
    body: JSON.stringify({
      type: "consent.changed",
      timestamp: at.toISOString(),
      data: {
        eventId: event.id,
        subjectId: event.subject.externalId,
        target: event.purpose ? event.purpose.key : `cookies:${event.cookieCategory?.key}`,
        decision: event.decision,
        channel: event.channel,
        occurredAt: event.occurredAt.toISOString(),
        expiresAt: event.expiresAt?.toISOString() ?? null,
      },
    }),
  };
}

/**
 * What the receiver gets of an erasure, rectification or restriction, or a restriction's lift: the event as it was when
 * it took effect (recipients/request-events.ts). Null once blanked: its endpoint was disabled, so nothing is sent.
 */
async function requestPayload(prisma: PrismaClient, row: { type: string; payload: Prisma.JsonValue }, at: Date) {
  if (row.payload === null) return null;
  // The request it is about: the completed one, or the restriction a lift ends.
  const requestId = (row.payload as { requestId?: string | null }).requestId;
  const request = requestId ? await prisma.privacyRequest.findUnique({ where: { id: requestId }, select: { subjectId: true } }) : null;
  return {
    subjectId: request?.subjectId ?? null,
    body: JSON.stringify({ type: row.type, timestamp: at.toISOString(), data: row.payload }),
  };
}

/**
 * The delivery job, whichever queue runs it: POSTs the consent change or request signed per Standard Webhooks
 * (webhook-id = the delivery's id, the same on every retry, so the receiver keeps what it already did), outside any
 * transaction. A 2xx answer is the receiver's acknowledgement: recorded on the delivery and in the audit log.
 * Anything else is "retry" until the last attempt, which puts it on the dead-letter list (FAILED). At least once from
 * the wire, exactly once for a receiver that keeps the ids it handled (the SDK's webhookHandler does).
 */
export async function deliverWebhook(
  prisma: PrismaClient,
  keyPepper: string,
  id: string,
  maxAttempts = WEBHOOK_MAX_ATTEMPTS,
): Promise<WebhookOutcome> {
  const row = await prisma.webhookDelivery.findUnique({ where: { id }, include: { endpoint: true } });
  if (row?.status !== "QUEUED" || row.endpoint.disabledAt) return "gone";
  const attempts = row.attempts + 1;
  const now = new Date();
  const built =
    row.type === "consent.changed" ? await consentChangedPayload(prisma, row.eventId, now) : await requestPayload(prisma, row, now);
  if (!built) return "gone";
  const { subjectId, body } = built;
  const signature = new Webhook(unsealWebhookSecret(keyPepper, row.endpointId, row.endpoint.sealedSecret)).sign(row.id, now, body);
  let failure: string | null = null;
  try {
    const response = await fetch(row.endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": row.id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299) failure = `HTTP ${response.status}`;
  } catch (error) {
    failure = error instanceof Error ? error.name : "unknown error";
  }
  if (failure) {
    const deadLetter = attempts >= maxAttempts;
    // Only while it is still this job's: staff may have disabled the endpoint meanwhile.
    await prisma.webhookDelivery.updateMany({
      where: { id, status: "QUEUED" },
      data: { attempts, lastError: failure, status: deadLetter ? "FAILED" : "QUEUED" },
    });
    return deadLetter ? "dead-lettered" : "retry";
  }
  await prisma.$transaction([
    // Acknowledged: a request's payload (the person's id) has served its purpose and is blanked.
    prisma.webhookDelivery.update({
      where: { id },
      data: { status: "DELIVERED", attempts, lastError: null, deliveredAt: new Date(), payload: Prisma.DbNull },
    }),
    prisma.auditLogEntry.create({
      data: {
        tenantId: row.tenantId,
        actor: `webhook:${row.endpointId}`,
        operation: "webhookAcknowledged",
        subjectId,
        details: {
          deliveryId: row.id,
          endpointId: row.endpointId,
          endpoint: row.endpoint.name,
          type: row.type,
          eventId: row.eventId,
          attempts,
        },
      },
    }),
  ]);
  return "delivered";
}

/**
 * Fans out and delivers every pending delivery once, now, and waits: for tests, where no queue runs. A delivery that
 * failed with attempts left is PENDING again, for the next call.
 */
export async function dispatchWebhooks(
  prisma: PrismaClient,
  keyPepper: string,
  fanOut: () => Promise<unknown>,
  maxAttempts = WEBHOOK_MAX_ATTEMPTS,
) {
  await fanOut();
  const result = { delivered: 0, retrying: 0, failed: 0 };
  for (const id of await claimPendingDeliveries(prisma, undefined, 100_000)) {
    const outcome = await deliverWebhook(prisma, keyPepper, id, maxAttempts);
    if (outcome === "delivered") result.delivered += 1;
    if (outcome === "dead-lettered") result.failed += 1;
    if (outcome === "retry") {
      result.retrying += 1;
      await prisma.webhookDelivery.update({ where: { id }, data: { status: "PENDING" } });
    }
  }
  return result;
}
