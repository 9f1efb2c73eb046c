import type { TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import { CustosError } from "../../ground/errors.ts";
import { policyVersionShown } from "../record/consent-service.ts";
import type { LedgerCaller } from "../record/ledger-writer.ts";
import { ensureSubject, withLedgerLock } from "../record/ledger-writer.ts";
import { storedProof } from "../record/proof.ts";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token.ts";

/** For company apps and staff to put in their e-mails: a link token that withdraws one purpose without signing in. */
export async function mintUnsubscribeToken(db: TenantScopedPrisma, ctx: LedgerCaller, subjectId: string, purposeKey: string) {
  const purpose = await db.purpose.findUnique({ where: { tenantId_key: { tenantId: ctx.tenantId, key: purposeKey } } });
  if (purpose?.legalBasis !== "CONSENT") {
    throw new CustosError("UNKNOWN_PURPOSE", `There is no consent-based purpose with key "${purposeKey}".`);
  }
  const subject = await db.$transaction(async (tx) => {
    const row = await ensureSubject(tx, ctx.tenantId, subjectId);
    await recordAudit(tx, ctx, { operation: "createUnsubscribeToken", subjectId: row.id });
    return row;
  });
  return signUnsubscribeToken({ tenantId: ctx.tenantId, subjectId: subject.id, purposeKey }, ctx.keyPepper);
}

export interface UnsubscribeOutcome {
  purposeKey: string;
  /** False when the purpose was already withdrawn, so nothing new was recorded. */
  recorded: boolean;
  withdrawnAt: Date;
}

/** Withdraws the token's purpose with channel UNSUBSCRIBE_LINK; using a link twice records once. */
export async function unsubscribe(db: TenantScopedPrisma, ctx: LedgerCaller, token: string): Promise<UnsubscribeOutcome> {
  const claims = verifyUnsubscribeToken(token, ctx.keyPepper);
  if (claims.tenantId !== ctx.tenantId) {
    throw new CustosError("INVALID_UNSUBSCRIBE_TOKEN", "This unsubscribe link belongs to another site; open it from the e-mail.");
  }
  const purpose = await db.purpose.findUnique({ where: { tenantId_key: { tenantId: ctx.tenantId, key: claims.purposeKey } } });
  if (!purpose) throw new CustosError("INVALID_UNSUBSCRIBE_TOKEN", "This unsubscribe link names a purpose that no longer exists.");
  const policyVersionId = await policyVersionShown(db, "PRIVACY", null, new Date());
  return withLedgerLock(db, ctx.tenantId, async (tx, ledger) => {
    const subject = await tx.dataSubject.findUnique({ where: { id: claims.subjectId }, select: { id: true } });
    if (!subject) throw new CustosError("INVALID_UNSUBSCRIBE_TOKEN", "This unsubscribe link names no one we know.");
    await recordAudit(tx, ctx, { operation: "unsubscribe", subjectId: subject.id });
    const state = await tx.consentState.findUnique({ where: { subjectId_purposeId: { subjectId: subject.id, purposeId: purpose.id } } });
    if (state?.decision === "WITHDRAWN") return { purposeKey: purpose.key, recorded: false, withdrawnAt: state.decidedAt };
    const event = await ledger.append({
      subjectId: subject.id,
      target: { kind: "PURPOSE", id: purpose.id },
      decision: "WITHDRAWN",
      channel: "UNSUBSCRIBE_LINK",
      policyVersionId,
      jurisdiction: null,
      occurredAt: new Date(),
      expiresAt: null,
      proof: storedProof(null, ctx.keyPepper),
      gpc: null,
      tcString: null,
      gppString: null,
    });
    return { purposeKey: purpose.key, recorded: true, withdrawnAt: event.occurredAt };
  });
}
