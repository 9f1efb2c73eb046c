import type { Prisma, TenantScopedPrisma } from "@custos/db";
import { CustosError } from "../ground/errors.ts";
import { isUuid } from "../ground/identifiers/uuid.ts";
import type { NoticeTemplate } from "./notice-text.ts";

export interface Notice {
  /** What to say, e.g. `request.acknowledgement`; the transport owns the wording per template. */
  template: NoticeTemplate;
  recipient: string;
  payload: Prisma.InputJsonValue;
}

type OutboxWriter = Pick<TenantScopedPrisma, "outboxMessage">;

/** Queues notices; pass the transaction client of the change that causes them, so both commit or neither does. */
export async function enqueueNotices(db: OutboxWriter, tenantId: string, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  await db.outboxMessage.createMany({ data: notices.map((notice) => ({ tenantId, ...notice })) });
}

/**
 * How many times a notice is tried before it goes to the dead-letter list. With the job queue's backoff (e^n seconds
 * after the n-th failure, at most e^10, about 6 hours) 12 attempts span about 16 hours of a relay's outage.
 */
export const NOTICE_MAX_ATTEMPTS = 12;
/**
 * Payload flag of a notice queued before its recipient was erased: it is sent once, then loses recipient and payload
 * like the notices erasure found already sent (requests/fulfilment/fulfilment.ts). Not passed to the transport.
 */
export const ERASE_WHEN_SENT = "eraseWhenSent";

/** Puts a dead-lettered notice back in the queue with a fresh count of attempts; its last error stays until it is sent. */
export async function retryFailedNotice<Query extends Prisma.OutboxMessageSelect | undefined>(
  db: Pick<TenantScopedPrisma, "outboxMessage">,
  id: string,
  select?: Query,
) {
  // The row as this update left it: read again afterwards, a queue runner may already have claimed it.
  const [retried] = isUuid(id)
    ? await db.outboxMessage.updateManyAndReturn({ where: { id, status: "FAILED" }, data: { status: "PENDING", attempts: 0 }, select })
    : [];
  if (!retried) throw new CustosError("NOTICE_NOT_FAILED", "No notice with that id is on the dead-letter list (FAILED).");
  return retried;
}
