/**
 * "May vendor V use TCF purpose P for this person, now or at time T?", answered from the ledger: the last TC string the
 * person's decisions came with at or before T, decoded with the IAB's library, and no withdrawal recorded since then
 * for a purpose or cookie category that stands for P (iab-signals.ts, TCF_PURPOSES_BY_KEY). Under TCF v2.2, purposes 1
 * and 3 to 6 need consent; the others may also rest on a legitimate interest the string establishes for both the
 * purpose and the vendor, with no objection.
 */

import { auditedRead } from "../../audit/audit-service.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { decodeTcString, TCF_PURPOSES_BY_KEY } from "../record/iab-signals.ts";

export type TcfPermissionReason =
  | "CONSENT"
  | "LEGITIMATE_INTEREST"
  | "NO_TC_STRING"
  | "PURPOSE_NOT_ALLOWED"
  | "VENDOR_NOT_ALLOWED"
  | "WITHDRAWN_SINCE";

export interface TcfPermission {
  subjectId: string;
  vendorId: number;
  purpose: number;
  at: Date;
  allowed: boolean;
  reason: TcfPermissionReason;
  /** When the TC string answered from was recorded; null when there is none. */
  tcStringRecordedAt: Date | null;
}

/** TCF v2.2: these purposes may not rest on legitimate interest. */
const CONSENT_ONLY_PURPOSES = new Set([1, 3, 4, 5, 6]);
const TCF_PURPOSE_COUNT = 11;

export async function tcfPermission(
  ctx: Pick<Context, "prisma" | "caller" | "tenantId" | "requestId">,
  input: { subjectId: string; vendorId: number; purpose: number; at: Date | null },
): Promise<TcfPermission> {
  const { subjectId, vendorId, purpose } = input;
  if (!Number.isInteger(purpose) || purpose < 1 || purpose > TCF_PURPOSE_COUNT) {
    throw new CustosError("INVALID_CONSENT_INPUT", `purpose must be a TCF v2.2 purpose, 1 to ${TCF_PURPOSE_COUNT}.`);
  }
  if (!Number.isInteger(vendorId) || vendorId < 1 || vendorId > 65_535) {
    throw new CustosError("INVALID_CONSENT_INPUT", "vendorId must be a Global Vendor List id, 1 to 65535.");
  }
  const at = input.at ?? new Date();
  const subject = await ctx.prisma.dataSubject.findUnique({
    where: { tenantId_externalId: { tenantId: ctx.tenantId, externalId: subjectId } },
    select: { id: true },
  });
  return auditedRead(ctx, { operation: "tcfPermission", subjectId: subject?.id ?? null }, async () => {
    const answer = (allowed: boolean, reason: TcfPermissionReason, tcStringRecordedAt: Date | null = null): TcfPermission => ({
      subjectId,
      vendorId,
      purpose,
      at,
      allowed,
      reason,
      tcStringRecordedAt,
    });
    if (!subject) return answer(false, "NO_TC_STRING");
    const latest = await ctx.prisma.consentEvent.findFirst({
      where: { subjectId: subject.id, tcString: { not: null }, occurredAt: { lte: at } },
      orderBy: { sequence: "desc" },
      select: { tcString: true, occurredAt: true, sequence: true },
    });
    if (!latest?.tcString) return answer(false, "NO_TC_STRING");
    const tcf = decodeTcString(latest.tcString);
    const keys = Object.entries(TCF_PURPOSES_BY_KEY)
      .filter(([, purposes]) => purposes.includes(purpose))
      .map(([key]) => key);
    const withdrawnSince =
      keys.length > 0 &&
      (await ctx.prisma.consentEvent.count({
        where: {
          subjectId: subject.id,
          decision: "WITHDRAWN",
          sequence: { gt: latest.sequence },
          occurredAt: { lte: at },
          OR: [{ purpose: { key: { in: keys } } }, { cookieCategory: { key: { in: keys } } }],
        },
      })) > 0;
    if (withdrawnSince) return answer(false, "WITHDRAWN_SINCE", latest.occurredAt);
    if (tcf.purposeConsents.includes(purpose)) {
      return tcf.vendorConsents.includes(vendorId)
        ? answer(true, "CONSENT", latest.occurredAt)
        : answer(false, "VENDOR_NOT_ALLOWED", latest.occurredAt);
    }
    if (!CONSENT_ONLY_PURPOSES.has(purpose) && tcf.purposeLegitimateInterests.includes(purpose)) {
      return tcf.vendorLegitimateInterests.includes(vendorId)
        ? answer(true, "LEGITIMATE_INTEREST", latest.occurredAt)
        : answer(false, "VENDOR_NOT_ALLOWED", latest.occurredAt);
    }
    return answer(false, "PURPOSE_NOT_ALLOWED", latest.occurredAt);
  });
}
