import type { TenantScopedPrisma } from "@custos/db";
import { buildProcessingRecord, type ProcessingRecord } from "./processing-record.ts";

/** Whom Custos's records are about, in the privacy policy's words: the people it names as its audience. */
const DATA_SUBJECT_CATEGORIES = ["Customers and their representatives", "Site and app visitors", "People who contact the company"];

/** P14 as the policy states it, honestly: what is done, and that no method is 100% secure. */
const SECURITY_MEASURES =
  "Access to personal data is authorised per caller and recorded in an audit log (who, what, about whom, when); " +
  "connections from outside are encrypted with TLS, terminated by the gateway itself or by the reverse proxy in front of it " +
  "(a production gateway refuses to start with neither configured); API keys are stored only as keyed hashes; each controller's records are isolated by tenant. " +
  "Independent auditors review the records read-only. No method of transmission or storage is 100% secure.";

/** The Art. 30(1) record built from the registers as they stand: purposes, categories, processors, transfers, retention. */
export async function processingRecordOf(db: TenantScopedPrisma, tenantId: string, now = new Date()): Promise<ProcessingRecord> {
  const [tenant, purposes, processors, transfers, policies] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
    db.purpose.findMany({ orderBy: { position: "asc" }, include: { dataCategories: { include: { dataCategory: true } } } }),
    db.processor.findMany({ include: { purposes: { select: { name: true } } } }),
    db.transferRecord.findMany({
      where: { OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
      include: { processor: true, purpose: true, dataCategories: { include: { dataCategory: true } } },
    }),
    db.retentionPolicy.findMany({ include: { dataCategory: true } }),
  ]);
  return buildProcessingRecord({
    controller: { name: tenant.controllerName, email: tenant.controllerEmail, address: tenant.controllerAddress ?? "" },
    purposes: purposes.map((purpose) => ({
      name: purpose.name,
      legalBasis: purpose.legalBasis,
      dataCategories: purpose.dataCategories.map((link) => link.dataCategory.name).sort(),
    })),
    dataSubjectCategories: DATA_SUBJECT_CATEGORIES,
    recipients: processors.map((processor) => ({
      name: processor.name,
      country: processor.country,
      purposes: processor.purposes.map((purpose) => purpose.name),
    })),
    transfers: transfers.map((transfer) => ({
      country: transfer.destinationCountry,
      recipient: transfer.processor.name,
      mechanisms: transfer.mechanisms,
      safeguards: transfer.safeguards,
      purpose: transfer.purpose?.name ?? null,
      dataCategories: transfer.dataCategories.map((link) => link.dataCategory.name),
    })),
    retention: policies.map((policy) => ({
      dataCategory: policy.dataCategory.name,
      periodMonths: policy.periodMonths,
      trigger: policy.trigger,
      action: policy.action,
    })),
    securityMeasures: SECURITY_MEASURES,
    generatedAt: now,
  });
}
