import type { TenantScopedPrisma, TransferMechanism } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import type { Context } from "../ground/context.ts";
import { CustosError } from "../ground/errors.ts";
import { isCountryCode } from "./rules/countries.ts";
import { validateTransfer } from "./rules/validate-transfer.ts";
import { type DataDestination, whereDoesMyDataGo } from "./rules/where-does-my-data-go.ts";

type AuditContext = Pick<Context, "caller" | "tenantId" | "requestId">;

export interface NewProcessor {
  name: string;
  country: string;
  contactEmail?: string | null;
  contractRef?: string | null;
  purposeKeys: readonly string[];
  dataCategoryKeys: readonly string[];
}

export interface NewTransfer {
  processorName: string;
  purposeKey?: string | null;
  destinationCountry: string;
  dataCategoryKeys: readonly string[];
  subjectJurisdictions: readonly string[];
  mechanisms: readonly TransferMechanism[];
  safeguards?: string | null;
  regulatorNoticeRef?: string | null;
  regulatorNoticeAt?: Date | null;
  separateConsentObtained: boolean;
  individualNoticeGiven: boolean;
  startsAt: Date;
  endsAt?: Date | null;
}

function countryCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!isCountryCode(code)) throw new CustosError("INVALID_COUNTRY", "country must be an ISO 3166-1 alpha-2 code, e.g. SG.");
  return code;
}

async function idsOf(db: TenantScopedPrisma, kind: "purpose" | "dataCategory", keys: readonly string[]): Promise<string[]> {
  const unique = [...new Set(keys)];
  const rows =
    kind === "purpose"
      ? await db.purpose.findMany({ where: { key: { in: unique } }, select: { id: true, key: true } })
      : await db.dataCategory.findMany({ where: { key: { in: unique } }, select: { id: true, key: true } });
  const missing = unique.filter((key) => !rows.some((row) => row.key === key));
  if (missing.length > 0) {
    throw kind === "purpose"
      ? new CustosError("UNKNOWN_PURPOSE", `No purpose with key ${missing.join(", ")}.`)
      : new CustosError("UNKNOWN_DATA_CATEGORY", `No data category with key ${missing.join(", ")}.`);
  }
  return rows.map((row) => row.id);
}

export async function createProcessor(db: TenantScopedPrisma, ctx: AuditContext, input: NewProcessor): Promise<string> {
  const country = countryCode(input.country);
  const purposeIds = await idsOf(db, "purpose", input.purposeKeys);
  const dataCategoryIds = await idsOf(db, "dataCategory", input.dataCategoryKeys);
  return db.$transaction(async (tx) => {
    const processor = await tx.processor.create({
      data: {
        tenantId: ctx.tenantId,
        name: input.name.trim(),
        country,
        contactEmail: input.contactEmail ?? null,
        contractRef: input.contractRef ?? null,
        purposes: { connect: purposeIds.map((id) => ({ id })) },
        dataCategories: { connect: dataCategoryIds.map((id) => ({ id })) },
      },
    });
    await recordAudit(tx, ctx, { operation: "createProcessor" });
    return processor.id;
  });
}

/** Refuses, with every violation and its citation, a transfer lacking what the laws that govern it require. */
export async function recordTransfer(db: TenantScopedPrisma, ctx: AuditContext, input: NewTransfer): Promise<string> {
  const processor = await db.processor.findFirst({ where: { name: input.processorName } });
  if (!processor) throw new CustosError("UNKNOWN_PROCESSOR", "No processor with that name; register it first.");
  const assessment = validateTransfer({
    subjectJurisdictions: input.subjectJurisdictions,
    destinationCountry: input.destinationCountry,
    mechanisms: input.mechanisms,
    regulatorNoticeRef: input.regulatorNoticeRef,
    regulatorNoticeAt: input.regulatorNoticeAt,
    startsAt: input.startsAt,
    separateConsentObtained: input.separateConsentObtained,
    noticeGiven: input.individualNoticeGiven,
  });
  if (!assessment.ok) {
    throw new CustosError(
      "TRANSFER_NOT_LAWFUL",
      `The transfer lacks what ${assessment.applicableLaws.join(", ") || "its input"} requires.`,
      {
        applicableLaws: assessment.applicableLaws,
        violations: assessment.violations,
      },
    );
  }
  const [purposeId] = input.purposeKey ? await idsOf(db, "purpose", [input.purposeKey]) : [];
  const dataCategoryIds = await idsOf(db, "dataCategory", input.dataCategoryKeys);
  return db.$transaction(async (tx) => {
    const transfer = await tx.transferRecord.create({
      data: {
        tenantId: ctx.tenantId,
        processorId: processor.id,
        purposeId: purposeId ?? null,
        destinationCountry: input.destinationCountry.trim().toUpperCase(),
        subjectJurisdictions: input.subjectJurisdictions.map((code) => code.trim().toUpperCase()),
        mechanisms: [...input.mechanisms],
        safeguards: input.safeguards ?? null,
        regulatorNoticeRef: input.regulatorNoticeRef ?? null,
        regulatorNoticeAt: input.regulatorNoticeAt ?? null,
        separateConsentObtained: input.separateConsentObtained,
        individualNoticeGiven: input.individualNoticeGiven,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        dataCategories: { create: dataCategoryIds.map((dataCategoryId) => ({ dataCategoryId })) },
      },
    });
    await recordAudit(tx, ctx, { operation: "recordTransfer" });
    return transfer.id;
  });
}

/** Countries and recipients of the transfers in force now: what the storefront shows a shopper. */
export async function dataDestinations(db: Pick<TenantScopedPrisma, "transferRecord">, now = new Date()): Promise<DataDestination[]> {
  const transfers = await db.transferRecord.findMany({
    where: { startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    include: { purpose: { select: { name: true } }, processor: { select: { id: true, name: true } } },
  });
  return whereDoesMyDataGo(
    transfers.map((transfer) => ({ ...transfer, purpose: transfer.purpose?.name ?? null })),
    transfers.map((transfer) => transfer.processor),
    now,
  );
}
