import { PolicyKind, type PolicyVersion, type TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import { forgetCatalogue } from "../catalogue/catalogue-cache.ts";
import type { Context } from "../ground/context.ts";
import { CustosError } from "../ground/errors.ts";
import { noticeContext } from "../outbox/notice-context.ts";
import { enqueueNotices } from "../outbox/outbox-service.ts";

export const MATERIAL_CHANGE_TEMPLATE = "policy.material_change";

export interface NewPolicyVersion {
  kind: PolicyKind;
  version: string;
  /** BCP 47 tag, e.g. `ru`. */
  language: string;
  url: string | null;
  effectiveAt: Date;
  material: boolean;
}

export interface PublishedPolicyVersion {
  policyVersion: PolicyVersion;
  /** E-mail notices queued in the outbox, one per affected subject with a contact e-mail. */
  noticesQueued: number;
  /** Current grants given under an earlier version of this kind, which need renewal once the version takes effect. */
  consentsNeedingRenewal: number;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Publishes a version. A material one queues, in the same transaction, one notice per subject it affects (P16): for a
 * privacy policy every subject with a contact e-mail; for a cookie policy those who made a cookie choice. Consents given
 * under earlier versions are not rewritten: the consent check derives NEEDS_RENEWAL from the version each was given
 * under. Notices are written with one INSERT per 1000 subjects inside the transaction; at hundreds of thousands of
 * subjects that transaction takes seconds, which publishing (a rare staff action) can afford.
 */
export async function publishPolicyVersion(
  db: TenantScopedPrisma,
  ctx: Pick<Context, "caller" | "tenantId" | "requestId">,
  input: NewPolicyVersion,
): Promise<PublishedPolicyVersion> {
  if (!LANGUAGE_TAG.test(input.language))
    throw new CustosError("INVALID_POLICY_VERSION", "language must be a BCP 47 tag such as `ru` or `en-GB`.");
  if (input.version.trim() === "" || input.version.length > 64)
    throw new CustosError("INVALID_POLICY_VERSION", "version must be 1-64 characters.");
  const { tenantId } = ctx;
  const published = await db.$transaction(
    async (tx) => {
      const existing = await tx.policyVersion.findUnique({
        where: { tenantId_kind_language_version: { tenantId, kind: input.kind, language: input.language, version: input.version } },
      });
      if (existing) throw new CustosError("POLICY_VERSION_EXISTS", "This version of the policy in this language is already published.");
      const policyVersion = await tx.policyVersion.create({ data: { tenantId, ...input } });
      await recordAudit(tx, ctx, { operation: "publishPolicyVersion" });
      if (!input.material) return { policyVersion, noticesQueued: 0, consentsNeedingRenewal: 0 };

      const earlier = await tx.policyVersion.findMany({
        where: { kind: input.kind, effectiveAt: { lt: input.effectiveAt } },
        select: { id: true },
      });
      const grantedUnderEarlier = { decision: "GRANTED" as const, policyVersionId: { in: earlier.map((version) => version.id) } };
      const consentsNeedingRenewal =
        input.kind === "PRIVACY"
          ? await tx.consentState.count({ where: grantedUnderEarlier })
          : await tx.cookieConsentState.count({ where: grantedUnderEarlier });
      const recipients = await tx.dataSubject.findMany({
        where: {
          contactEmail: { not: null },
          erasedAt: null,
          ...(input.kind === "COOKIE" ? { cookieConsentStates: { some: {} } } : {}),
        },
        select: { contactEmail: true, language: true },
      });
      const { controller } = await noticeContext(tx, input.language);
      const payload = {
        kind: input.kind,
        version: input.version,
        language: input.language,
        url: input.url,
        effectiveAt: input.effectiveAt.toISOString(),
      };
      for (let start = 0; start < recipients.length; start += 1000) {
        const batch = recipients.slice(start, start + 1000);
        await enqueueNotices(
          tx,
          tenantId,
          batch.map(({ contactEmail, language }) => ({
            template: MATERIAL_CHANGE_TEMPLATE,
            recipient: contactEmail as string,
            payload: { ...payload, noticeLanguage: language ?? input.language, controller },
          })),
        );
      }
      return { policyVersion, noticesQueued: recipients.length, consentsNeedingRenewal };
    },
    { timeout: 120_000 },
  );
  // Consent checks judge renewal by the versions: the next one must see the new version.
  forgetCatalogue(db);
  return published;
}

/** The version of each kind in effect now, in the language asked for when there is one, else the newest in any. */
export async function currentPolicies(db: TenantScopedPrisma, language: string | null): Promise<PolicyVersion[]> {
  const now = new Date();
  const newest = (kind: PolicyKind, lang: string | null) =>
    db.policyVersion.findFirst({
      where: { kind, effectiveAt: { lte: now }, ...(lang === null ? {} : { language: lang }) },
      orderBy: [{ effectiveAt: "desc" }, { publishedAt: "desc" }],
    });
  const found = await Promise.all(
    Object.values(PolicyKind).map(async (kind) => (language === null ? null : await newest(kind, language)) ?? (await newest(kind, null))),
  );
  return found.filter((version): version is PolicyVersion => version !== null);
}
