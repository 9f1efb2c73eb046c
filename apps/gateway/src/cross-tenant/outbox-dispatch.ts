import type { Prisma, PrismaClient } from "@custos/db";
import { ERASE_WHEN_SENT, NOTICE_MAX_ATTEMPTS } from "../outbox/outbox-service.ts";
import type { MailTransport } from "../outbox/transport.ts";

// The outbox's queue runs across tenants: notices are claimed in the order they were queued, whoever's they are, and a
// delivery job names a notice, not a tenant. Queueing them (enqueueNotices) and retrying one stay in outbox/.

/** Notices the change's transaction queued, handed to the job queue. */
type HandOver = (tx: Prisma.TransactionClient, ids: string[]) => Promise<void>;

/**
 * Claims up to `batchSize` PENDING notices (FOR UPDATE SKIP LOCKED: any number of processes may do this at once and
 * each notice is claimed by one), marks them QUEUED and gives their ids to `handOver` in the same short transaction, so
 * a notice is queued exactly once and never lost. Nothing is sent here.
 */
export async function claimPendingNotices(prisma: PrismaClient, handOver: HandOver = async () => {}, batchSize = 100): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "OutboxMessage" SET status = 'QUEUED'
      WHERE id IN (SELECT id FROM "OutboxMessage" WHERE status = 'PENDING' ORDER BY "createdAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    const ids = rows.map((row) => row.id);
    if (ids.length > 0) await handOver(tx, ids);
    return ids;
  });
}

export type DeliveryOutcome = "sent" | "retry" | "dead-lettered" | "gone";

/**
 * The delivery job, the same whichever queue runs it: reads the QUEUED notice, sends it outside any transaction (an
 * SMTP relay may take seconds), then records what happened. A failure is "retry" (the queue runs the job again later)
 * until the notice's `maxAttempts`-th, which puts it on the dead-letter list (FAILED). A process that dies between
 * sending and recording sends it again on the retry: at least once, with the row id as the Message-ID.
 */
export async function deliverNotice(
  prisma: PrismaClient,
  transport: MailTransport,
  id: string,
  maxAttempts = NOTICE_MAX_ATTEMPTS,
): Promise<DeliveryOutcome> {
  const row = await prisma.outboxMessage.findUnique({ where: { id } });
  if (row?.status !== "QUEUED") return "gone";
  const attempts = row.attempts + 1;
  const { [ERASE_WHEN_SENT]: eraseWhenSent, ...payload } = (row.payload ?? {}) as Record<string, Prisma.JsonValue>;
  try {
    await transport.send({ id: row.id, tenantId: row.tenantId, template: row.template, recipient: row.recipient, payload });
  } catch (error) {
    const deadLetter = attempts >= maxAttempts;
    // The error's name only: a provider's message may quote the recipient.
    const lastError = error instanceof Error ? error.name : "unknown error";
    await prisma.outboxMessage.update({ where: { id }, data: { attempts, lastError, status: deadLetter ? "FAILED" : "QUEUED" } });
    return deadLetter ? "dead-lettered" : "retry";
  }
  await prisma.outboxMessage.update({
    where: { id },
    data: { status: "SENT", sentAt: new Date(), attempts, ...(eraseWhenSent === true ? { recipient: "erased", payload: {} } : {}) },
  });
  return "sent";
}

export interface DispatchOptions {
  batchSize?: number;
  maxAttempts?: number;
}

export interface DispatchResult {
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Sends every pending notice of one batch now and waits: for tests and a command, where no queue runs. A notice that
 * failed but has attempts left is PENDING again, for the next call.
 */
export async function dispatchOutbox(
  prisma: PrismaClient,
  transport: MailTransport,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, retrying: 0 };
  for (const id of await claimPendingNotices(prisma, undefined, options.batchSize ?? 50)) {
    const outcome = await deliverNotice(prisma, transport, id, options.maxAttempts ?? NOTICE_MAX_ATTEMPTS);
    if (outcome === "sent") result.sent += 1;
    if (outcome === "dead-lettered") result.failed += 1;
    if (outcome === "retry") {
      result.retrying += 1;
      await prisma.outboxMessage.update({ where: { id }, data: { status: "PENDING" } });
    }
  }
  return result;
}
