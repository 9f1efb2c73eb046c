import type { Prisma, PrismaClient, TenantScopedPrisma } from "@custos/db";
import type { MailTransport } from "./transport.ts";

export interface Notice {
  /** What to say, e.g. `request.acknowledgement`; the transport owns the wording per template. */
  template: string;
  recipient: string;
  payload: Prisma.InputJsonValue;
}

type OutboxWriter = Pick<TenantScopedPrisma, "outboxMessage">;

/** Queues notices; pass the transaction client of the change that causes them, so both commit or neither does. */
export async function enqueueNotices(db: OutboxWriter, tenantId: string, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  await db.outboxMessage.createMany({ data: notices.map((notice) => ({ tenantId, ...notice })) });
}

export interface DispatchOptions {
  batchSize?: number;
  /** After this many failed attempts a message is FAILED and waits for a person. */
  maxAttempts?: number;
}

export interface DispatchResult {
  sent: number;
  failed: number;
  retrying: number;
}

interface ClaimedRow {
  id: string;
  tenantId: string;
  template: string;
  recipient: string;
  payload: unknown;
  attempts: number;
}

/**
 * Sends one batch of pending notices. Rows are claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction held while sending, so any number of gateway processes can dispatch at once and each
 * message goes to one of them. Returns what happened, for the caller's progress output.
 */
export async function dispatchOutbox(
  prisma: PrismaClient,
  transport: MailTransport,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const { batchSize = 50, maxAttempts = 5 } = options;
  return prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<ClaimedRow[]>`
        SELECT id, "tenantId", template, recipient, payload, attempts FROM "OutboxMessage"
        WHERE status = 'PENDING' ORDER BY "createdAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      const result: DispatchResult = { sent: 0, failed: 0, retrying: 0 };
      for (const row of rows) {
        try {
          await transport.send({
            id: row.id,
            tenantId: row.tenantId,
            template: row.template,
            recipient: row.recipient,
            payload: row.payload,
          });
          await tx.outboxMessage.update({
            where: { id: row.id },
            data: { status: "SENT", sentAt: new Date(), attempts: row.attempts + 1 },
          });
          result.sent += 1;
        } catch (error) {
          const attempts = row.attempts + 1;
          const status = attempts >= maxAttempts ? "FAILED" : "PENDING";
          // The error's name only: a provider's message may quote the recipient.
          const lastError = error instanceof Error ? error.name : "unknown error";
          await tx.outboxMessage.update({ where: { id: row.id }, data: { status, attempts, lastError } });
          if (status === "FAILED") result.failed += 1;
          else result.retrying += 1;
        }
      }
      return result;
    },
    { timeout: 60_000 },
  );
}
