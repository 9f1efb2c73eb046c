import { createHmac } from "node:crypto";
import type { TenantScopedPrisma, TenantTransaction } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import type { Context } from "../../ground/context.ts";
import { mailboxOf, plainAddress } from "../../requests/intake/contact-address.ts";

/**
 * The suppression list's key for an address: the mailbox it delivers to (case folded, `+tag` dropped), hashed under
 * the key pepper, so the list matches an address without holding it. The same pepper in every gateway (as for keys).
 */
const mailboxHash = (keyPepper: string, address: string) =>
  createHmac("sha256", keyPepper)
    .update(`marketing-suppression:${mailboxOf(address)}`)
    .digest("hex");

/**
 * Stops marketing to one address, at once: an objection to direct marketing that named no account concerns only the
 * address it came with (GDPR Art. 21(3), 152-FZ Art. 15(2)). Asking twice, or from two gateways at once, records once.
 */
export async function suppressMarketingTo(tx: TenantTransaction, tenantId: string, keyPepper: string, address: string, requestId: string) {
  await tx.marketingSuppression.createMany({
    data: [{ tenantId, mailboxHash: mailboxHash(keyPepper, address), requestId }],
    skipDuplicates: true,
  });
}

/** Whether marketing to this address is suppressed: the check an app makes before it sends marketing to an address. */
export async function marketingSuppressed(
  db: TenantScopedPrisma,
  ctx: Pick<Context, "caller" | "tenantId" | "requestId"> & { keyPepper: string },
  email: string,
): Promise<boolean> {
  const hash = mailboxHash(ctx.keyPepper, plainAddress(email, "email"));
  const found = await db.marketingSuppression.findFirst({ where: { mailboxHash: hash }, select: { id: true } });
  await recordAudit(db, ctx, { operation: "marketingSuppressed" });
  return found !== null;
}
