import type { TenantTransaction } from "@custos/db";
import { receiptIssuer } from "../../consent/receipts/receipt-service.ts";
import type { CsvValue } from "../../ground/exports/csv.ts";
import { dataDestinations } from "../../transfers/transfer-service.ts";
import type { PrivacyRequest } from "../workflow/request-workflow.ts";
import type { SystemExport } from "./export-package.ts";

/** The package's name for what Custos itself holds, beside the company's systems. */
export const CUSTOS_SYSTEM = "custos";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * The person's requests: the subject's, or those made from the request's address without an account. The address is
 * compared exactly, ignoring case: Prisma's insensitive equals is ILIKE, where `_` and `%` in an address (both
 * allowed) match other people's addresses, so its answer is narrowed to equal addresses here.
 */
async function ownRequests(tx: TenantTransaction, request: PrivacyRequest) {
  if (request.subjectId) return tx.privacyRequest.findMany({ where: { subjectId: request.subjectId }, orderBy: { receivedAt: "asc" } });
  const address = (request.contactEmail ?? "").toLowerCase();
  const candidates = await tx.privacyRequest.findMany({
    where: { subjectId: null, contactEmail: { equals: address, mode: "insensitive" } },
    orderBy: { receivedAt: "asc" },
  });
  return candidates.filter((row) => row.contactEmail?.toLowerCase() === address);
}

/**
 * What Custos itself holds about the person, for an access or portability package: their consent history with a
 * receipt per decision (ISO/IEC TS 27560, as JSON-LD text), their requests, the disclosures to authorities they may
 * be told of, and the transfers abroad that apply to everyone's data. A request about an address only (no account)
 * gets the requests made from that address and the transfers.
 */
export async function custosOwnRecords(tx: TenantTransaction, request: PrivacyRequest, now: Date): Promise<SystemExport> {
  const subjectId = request.subjectId;
  const [tenant, events, requests, disclosures, destinations] = await Promise.all([
    tx.tenant.findFirstOrThrow(),
    subjectId
      ? tx.consentEvent.findMany({
          where: { subjectId },
          include: { purpose: true, cookieCategory: true, policyVersion: true },
          orderBy: { sequence: "asc" },
        })
      : [],
    ownRequests(tx, request),
    // A disclosure the person may not be told of yet (a non-disclosure order) stays out of the package.
    subjectId
      ? tx.disclosureRecord.findMany({
          where: { subjectId, OR: [{ subjectNotified: true }, { noticeGivenAt: { not: null } }] },
          orderBy: { disclosedAt: "asc" },
        })
      : [],
    dataDestinations(tx, now),
  ]);
  const subject = subjectId ? await tx.dataSubject.findUnique({ where: { id: subjectId }, select: { externalId: true } }) : null;
  const issueReceipt = receiptIssuer(tx, tenant, subject?.externalId ?? "", now);
  const consentHistory: Record<string, CsvValue>[] = [];
  for (const event of events) {
    const target = event.purpose
      ? { key: event.purpose.key, name: event.purpose.name, legalBasis: event.purpose.legalBasis }
      : { key: `cookies:${event.cookieCategory?.key}`, name: `Cookies: ${event.cookieCategory?.name}`, legalBasis: "CONSENT" as const };
    const earlierEvents = events.filter(
      (other) =>
        other.sequence < event.sequence && other.purposeId === event.purposeId && other.cookieCategoryId === event.cookieCategoryId,
    );
    const receipt = await issueReceipt(event, earlierEvents);
    consentHistory.push({
      occurredAt: event.occurredAt.toISOString(),
      target: target.key,
      decision: event.decision,
      channel: event.channel,
      policyVersion: event.policyVersion?.version ?? null,
      expiresAt: iso(event.expiresAt),
      ledgerHash: event.hash,
      receipt: JSON.stringify(receipt),
    });
  }
  return {
    system: CUSTOS_SYSTEM,
    categories: [
      { category: "consent-history", records: consentHistory },
      {
        category: "requests",
        records: requests.map((row) => ({
          id: row.id,
          type: row.type,
          status: row.id === request.id ? "COMPLETED" : row.status,
          receivedAt: row.receivedAt.toISOString(),
          closedAt: row.id === request.id ? now.toISOString() : iso(row.closedAt),
          verificationMethod: row.verificationMethod,
        })),
      },
      {
        category: "disclosures",
        records: disclosures.map((row) => ({
          authority: row.authority,
          instrument: row.instrument,
          legalBasis: row.legalBasis,
          dataDisclosed: row.dataDisclosed,
          disclosedAt: row.disclosedAt.toISOString(),
        })),
      },
      {
        category: "transfers",
        records: destinations.map((row) => ({
          country: row.countryCode,
          countryName: row.countryName,
          recipients: row.recipients.join("; "),
          purposes: row.purposes.join("; "),
        })),
      },
    ],
  };
}
