/**
 * The consent check an app makes before processing: per consent-based purpose and per cookie category, the current
 * decision judged by the validity rules (withdrawn, expired, needs renewal after a material policy change) and the
 * subject's restriction of processing. Reads the subject with its current-state rows (one indexed read by primary key
 * prefix) plus the small catalogue tables, shared across requests for a second (catalogue-cache.ts); it writes only
 * its audit entry.
 */
import { LegalBasis, type TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import { cachedCatalogue } from "../catalogue/catalogue-cache.ts";
import type { Context } from "../context.ts";
import {
  CNIL_COOKIE_CHOICE_MONTHS,
  type ConsentValidity,
  consentValidity,
  laterMaterialPolicyEffective,
  type PolicyVersionFacts,
} from "./ledger/validity.ts";

/** Consent to a purpose lasts until withdrawn unless the decision set its own expiry. */
const PURPOSE_VALIDITY_MONTHS = null;

interface StateRow {
  decision: "GRANTED" | "WITHDRAWN";
  channel: string;
  decidedAt: Date;
  expiresAt: Date | null;
  policyVersionId: string | null;
}

function judge(state: StateRow | undefined, policies: readonly PolicyVersionFacts[], months: number | null, now: Date): ConsentValidity {
  return consentValidity({
    state: state ?? null,
    laterMaterialPolicyEffective: state ? laterMaterialPolicyEffective(state.policyVersionId, policies, now) : false,
    defaultValidityMonths: months,
    now,
  });
}

export async function currentConsent(db: TenantScopedPrisma, ctx: Pick<Context, "caller" | "tenantId" | "requestId">, subjectId: string) {
  const now = new Date();
  const [subject, purposes, cookieCategories, policies] = await Promise.all([
    db.dataSubject.findUnique({
      where: { tenantId_externalId: { tenantId: ctx.tenantId, externalId: subjectId } },
      select: { id: true, restrictedAt: true, consentStates: true, cookieConsentStates: true },
    }),
    cachedCatalogue(db, "consent purposes", () =>
      db.purpose.findMany({ where: { legalBasis: LegalBasis.CONSENT }, orderBy: { position: "asc" } }),
    ),
    cachedCatalogue(db, "cookie categories", () => db.cookieCategory.findMany({ orderBy: { position: "asc" } })),
    cachedCatalogue(db, "policy versions", () =>
      db.policyVersion.findMany({ select: { id: true, kind: true, effectiveAt: true, material: true } }),
    ),
  ]);
  await recordAudit(db, ctx, { operation: "consentState", subjectId: subject?.id });
  const restricted = subject?.restrictedAt != null;
  return {
    subjectId,
    restricted,
    purposes: purposes.map((purpose) => {
      const state = subject?.consentStates.find((row) => row.purposeId === purpose.id);
      const validity = judge(state, policies, PURPOSE_VALIDITY_MONTHS, now);
      return { purpose, state: state ?? null, validity, processingAllowed: validity.processingAllowed && !restricted };
    }),
    cookieCategories: cookieCategories.map((category) => {
      const state = subject?.cookieConsentStates.find((row) => row.cookieCategoryId === category.id);
      const validity = judge(state, policies, CNIL_COOKIE_CHOICE_MONTHS, now);
      // Strictly necessary cookies need no consent (ePrivacy Art. 5(3) exemption), so they are always allowed.
      return { category, state: state ?? null, validity, processingAllowed: category.required || validity.processingAllowed };
    }),
  };
}

export type SubjectConsentCheck = Awaited<ReturnType<typeof currentConsent>>;
