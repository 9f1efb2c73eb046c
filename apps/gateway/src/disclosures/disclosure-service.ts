import type { LegalInstrument, TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import type { Context } from "../ground/context.ts";
import { CustosError } from "../ground/errors.ts";
import { isUuid } from "../ground/identifiers/uuid.ts";

type AuditContext = Pick<Context, "caller" | "tenantId" | "requestId">;

export interface NewDisclosure {
  subjectExternalId?: string | null;
  authority: string;
  instrument: LegalInstrument;
  legalBasis: string;
  dataDisclosed: string;
  disclosedAt: Date;
  subjectNotified: boolean;
  notNotifiedReason?: string | null;
  noticeAllowedAfter?: Date | null;
}

/**
 * Notice is owed for a disclosure the person was not told of in advance, has not been told of since, and may now
 * be told of (no date given, or the date set by e.g. a non-disclosure order has passed). P3.
 */
export function noticeOwedWhere(now: Date) {
  return {
    subjectNotified: false,
    noticeGivenAt: null,
    OR: [{ noticeAllowedAfter: null }, { noticeAllowedAfter: { lte: now } }],
  };
}

export async function recordDisclosure(db: TenantScopedPrisma, ctx: AuditContext, input: NewDisclosure): Promise<string> {
  if (!input.subjectNotified && !input.notNotifiedReason?.trim()) {
    throw new CustosError(
      "DISCLOSURE_REASON_REQUIRED",
      "The person was not told in advance: say why (e.g. a non-disclosure order), and when notice may be given if known.",
    );
  }
  return db.$transaction(async (tx) => {
    let subjectId: string | null = null;
    if (input.subjectExternalId) {
      await tx.dataSubject.createMany({ data: [{ tenantId: ctx.tenantId, externalId: input.subjectExternalId }], skipDuplicates: true });
      subjectId = (await tx.dataSubject.findFirstOrThrow({ where: { externalId: input.subjectExternalId } })).id;
    }
    const disclosure = await tx.disclosureRecord.create({
      data: {
        tenantId: ctx.tenantId,
        subjectId,
        authority: input.authority,
        instrument: input.instrument,
        legalBasis: input.legalBasis,
        dataDisclosed: input.dataDisclosed,
        disclosedAt: input.disclosedAt,
        subjectNotified: input.subjectNotified,
        notNotifiedReason: input.subjectNotified ? null : (input.notNotifiedReason ?? null),
        noticeAllowedAfter: input.subjectNotified ? null : (input.noticeAllowedAfter ?? null),
      },
    });
    await recordAudit(tx, ctx, { operation: "recordDisclosure", subjectId });
    return disclosure.id;
  });
}

/** Records that the person was told afterwards, which closes the notice obligation. */
export async function recordDisclosureNotice(db: TenantScopedPrisma, ctx: AuditContext, id: string, noticeGivenAt: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const disclosure = isUuid(id) ? await tx.disclosureRecord.findUnique({ where: { id } }) : null;
    if (!disclosure) throw new CustosError("NOT_FOUND", "No disclosure with that id.");
    await tx.disclosureRecord.update({ where: { id }, data: { noticeGivenAt } });
    await recordAudit(tx, ctx, { operation: "recordDisclosureNotice", subjectId: disclosure.subjectId });
  });
}
