import type { ConsentEvent, TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import { type CurrentDecision, type PrecedenceOutcome, planGpcReport } from "../ledger/gpc.ts";
import { policyVersionShown } from "../record/consent-service.ts";
import { decodeGppString, gppOptsOut } from "../record/iab-signals.ts";
import type { LedgerCaller } from "../record/ledger-writer.ts";
import { ensureSubject, withLedgerLock } from "../record/ledger-writer.ts";
import { type ProofInput, storedProof } from "../record/proof.ts";
import { GPC_SCOPE } from "./gpc-scope.ts";

export interface GpcReportInput {
  subjectId: string;
  /** The `Sec-GPC: 1` header or `navigator.globalPrivacyControl` as the storefront saw it. */
  gpc: boolean;
  jurisdiction: string | null;
  proof: ProofInput | null;
  gppString: string | null;
}

export interface GpcTargetOutcome {
  kind: "PURPOSE" | "COOKIE_CATEGORY";
  key: string;
  recorded: boolean;
  reason: PrecedenceOutcome["reason"];
  event: ConsentEvent | null;
}

/**
 * Applies a storefront's GPC report to every target in GPC_SCOPE under the precedence rule of ledger/gpc.ts. Repeated
 * reports record nothing once the person is opted out, so the storefront may report on every page view.
 */
export async function reportGpcSignal(db: TenantScopedPrisma, ctx: LedgerCaller, input: GpcReportInput): Promise<GpcTargetOutcome[]> {
  const { tenantId } = ctx;
  const now = new Date();
  const proof = storedProof(input.proof, ctx.keyPepper);
  // A GPP string that opts out of sale, sharing or targeted advertising is the same request as GPC, and applied so.
  const gpp = input.gppString ? decodeGppString(input.gppString) : null;
  const gpc = input.gpc || gppOptsOut(gpp);
  const [privacyVersionId, cookieVersionId] = await Promise.all([
    policyVersionShown(db, "PRIVACY", null, now),
    policyVersionShown(db, "COOKIE", null, now),
  ]);
  return withLedgerLock(db, tenantId, async (tx, ledger) => {
    // One after another: a transaction is one connection, and pg will refuse overlapping queries on it.
    const subject = await tx.dataSubject.findUnique({
      where: { tenantId_externalId: { tenantId, externalId: input.subjectId } },
      select: { id: true, consentStates: true, cookieConsentStates: true },
    });
    const purposes = await tx.purpose.findMany({ where: { key: { in: [...GPC_SCOPE.purposeKeys] } } });
    const categories = await tx.cookieCategory.findMany({ where: { key: { in: [...GPC_SCOPE.cookieCategoryKeys] } } });
    const current = (
      state:
        | { decision: CurrentDecision["decision"]; channel: CurrentDecision["channel"]; decidedAt: Date; gpc: boolean | null }
        | undefined,
    ) => state && { decision: state.decision, channel: state.channel, decidedAt: state.decidedAt, gpc: state.gpc };
    const plan = planGpcReport(
      GPC_SCOPE,
      {
        purposes: Object.fromEntries(
          purposes.map((purpose) => [purpose.key, current(subject?.consentStates.find((row) => row.purposeId === purpose.id))]),
        ),
        cookieCategories: Object.fromEntries(
          categories.map((category) => [
            category.key,
            current(subject?.cookieConsentStates.find((row) => row.cookieCategoryId === category.id)),
          ]),
        ),
      },
      { kind: "GPC_SIGNAL", gpc, receivedAt: new Date(), proof },
    );
    const subjectId = plan.some(({ outcome }) => outcome.record)
      ? (subject?.id ?? (await ensureSubject(tx, tenantId, input.subjectId)).id)
      : subject?.id;
    const outcomes: GpcTargetOutcome[] = [];
    for (const { target, outcome } of plan) {
      const targetRow =
        target.kind === "PURPOSE"
          ? purposes.find((purpose) => purpose.key === target.key)
          : categories.find((category) => category.key === target.key);
      if (!outcome.record || subjectId === undefined || targetRow === undefined) {
        outcomes.push({ ...target, recorded: false, reason: outcome.reason, event: null });
        continue;
      }
      const event = await ledger.append({
        subjectId,
        target: { kind: target.kind, id: targetRow.id },
        decision: outcome.event.decision,
        channel: outcome.event.channel,
        policyVersionId: target.kind === "PURPOSE" ? privacyVersionId : cookieVersionId,
        jurisdiction: input.jurisdiction,
        occurredAt: new Date(outcome.event.occurredAt),
        expiresAt: null,
        proof,
        gpc: outcome.event.gpc,
        tcString: null,
        gppString: input.gppString,
      });
      outcomes.push({ ...target, recorded: true, reason: outcome.reason, event });
    }
    await recordAudit(tx, ctx, { operation: "reportGpc", subjectId });
    return outcomes;
  });
}
