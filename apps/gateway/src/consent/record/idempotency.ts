import { createHmac } from "node:crypto";
import type { ConsentEvent, TenantTransaction } from "@custos/db";
import canonicalize from "canonicalize";
import { actorLabel } from "../../ground/caller.ts";
import { CustosError } from "../../ground/errors.ts";
import type { LedgerCaller } from "./ledger-writer.ts";

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

export type IdempotentOperation = "recordConsent" | "recordCookieConsent" | "withdrawAllConsent";

/** A client's idempotency key with what it is scoped to and a keyed hash of what it was sent with. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  payloadHash: string;
}

/**
 * The claim a write makes with its key, or null without one. Scoped to the caller (its key, or the shopper's
 * session) and the operation; the subject is added where it is checked, inside the ledger lock.
 */
export function idempotencyClaim(
  ctx: Pick<LedgerCaller, "caller" | "keyPepper">,
  operation: IdempotentOperation,
  key: string | null,
  payload: object,
): IdempotencyClaim | null {
  if (key === null || key === "") return null;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new CustosError("INVALID_CONSENT_INPUT", `idempotencyKey is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
  }
  const payloadHash = createHmac("sha256", ctx.keyPepper)
    .update(canonicalize(payload) ?? "")
    .digest("hex");
  return { scope: `${actorLabel(ctx.caller)} ${operation}`, key, payloadHash };
}

/** The same key with another payload: answering it with the first write's events would tell the client its new decision was recorded. */
export function idempotencyKeyReused(): CustosError {
  return new CustosError(
    "IDEMPOTENCY_KEY_REUSED",
    "This idempotency key was already used for another write about this subject; use a new key for a new decision.",
  );
}

/** Where a claim is stored: unique per tenant, scope, subject and key. */
export function claimSlot(claim: IdempotencyClaim, subjectId: string): string {
  return `${claim.scope}\n${subjectId}\n${claim.key}`;
}

/**
 * What the first write with this claim recorded, or null if there was none. Call it under the ledger lock, which
 * serialises writers, so the check and `rememberWrite` are atomic. The same key with another payload is refused:
 * answering it with the first write's events would tell the client its new decision was recorded.
 */
export async function earlierWrite(tx: TenantTransaction, claim: IdempotencyClaim, subjectId: string): Promise<ConsentEvent[] | null> {
  const earlier = await tx.idempotentWrite.findFirst({ where: { scope: claim.scope, subjectId, key: claim.key } });
  if (!earlier) return null;
  if (earlier.payloadHash !== claim.payloadHash) throw idempotencyKeyReused();
  return tx.consentEvent.findMany({ where: { id: { in: earlier.eventIds } }, orderBy: { sequence: "asc" } });
}

export async function rememberWrite(
  tx: TenantTransaction,
  tenantId: string,
  claim: IdempotencyClaim,
  subjectId: string,
  events: readonly ConsentEvent[],
) {
  await tx.idempotentWrite.create({
    data: {
      tenantId,
      scope: claim.scope,
      subjectId,
      key: claim.key,
      payloadHash: claim.payloadHash,
      eventIds: events.map((event) => event.id),
    },
  });
}
