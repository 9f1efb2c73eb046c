import { randomUUID } from "node:crypto";
import type { TenantScopedPrisma } from "@custos/db";
import canonicalize from "canonicalize";
import { FlattenedSign } from "jose";
import { recordAudit } from "../../audit/audit-service.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { ledgerEntry } from "../ledger/ledger-entry.ts";
import {
  buildConsentReceipt,
  type ConsentReceipt,
  type ReceiptHistoryEvent,
  type ReceiptPersonalData,
  type ReceiptRecipient,
  type ReceiptRetention,
} from "../ledger/receipt.ts";
import { findCheckpoint, type InclusionProof, inclusionProof, LEDGER_EVENT_INCLUDE, publishCheckpoint } from "../proofs/consent-log.ts";
import { signingKey } from "../proofs/signing-keys.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () => new CustosError("NOT_FOUND", "This subject has no consent event with that id.");

type Caller = Pick<Context, "caller" | "tenantId" | "requestId">;

/** Cookies are online identifiers, in DPV's personal data taxonomy. */
const COOKIE_DATA: ReceiptPersonalData = { key: "online_identifier", name: "Online identifiers (cookies)", concept: "pd:OnlineIdentifier" };

const TRIGGER_WORDS = {
  COLLECTION: "collection",
  LAST_ACTIVITY: "the last activity",
  CONTRACT_END: "the end of the contract",
  REQUEST_CLOSED: "the request's closing",
} as const;

/** What the catalogue says about a purpose's data: categories, how long each is kept, where it goes. */
async function purposeTerms(db: ReceiptDb, purposeId: string, now: Date) {
  const [links, transfers, processors] = await Promise.all([
    db.purposeDataCategory.findMany({
      where: { purposeId },
      include: { dataCategory: { include: { retentionPolicies: true } } },
      orderBy: { dataCategory: { key: "asc" } },
    }),
    db.transferRecord.findMany({
      where: {
        OR: [{ purposeId }, { purposeId: null }],
        startsAt: { lte: now },
        AND: [{ OR: [{ endsAt: null }, { endsAt: { gt: now } }] }],
      },
      include: { processor: { select: { name: true } } },
    }),
    db.processor.findMany({ where: { purposes: { some: { id: purposeId } } }, select: { name: true, country: true } }),
  ]);
  const personalData = links.map(({ dataCategory }) => ({ key: dataCategory.key, name: dataCategory.name }));
  const retention: ReceiptRetention[] = links.flatMap(({ dataCategory }) =>
    dataCategory.retentionPolicies.map((policy) => ({
      dataCategory: dataCategory.key,
      duration: `P${policy.periodMonths}M`,
      description: `${policy.periodMonths} months from ${TRIGGER_WORDS[policy.trigger]}, then ${policy.action === "DELETE" ? "deleted" : "anonymised"}`,
    })),
  );
  const recipients: ReceiptRecipient[] = [
    ...processors.map((processor) => ({ name: processor.name, country: processor.country, role: "processor" as const })),
    ...transfers.map((transfer) => ({ name: transfer.processor.name, country: transfer.destinationCountry, role: "processor" as const })),
  ];
  const unique = [...new Map(recipients.map((recipient) => [`${recipient.name}|${recipient.country}`, recipient])).values()];
  return { personalData, retention, recipients: unique, storageLocations: unique.map((recipient) => recipient.country) };
}

/** A cookie category's vendors: the third parties, their countries, and each cookie's lifetime as the vendor states it. */
async function cookieTerms(db: ReceiptDb, cookieCategoryId: string) {
  const vendors = await db.cookieVendor.findMany({ where: { cookieCategoryId }, include: { cookies: true }, orderBy: { name: "asc" } });
  return {
    personalData: [COOKIE_DATA],
    retention: vendors.flatMap((vendor) =>
      vendor.cookies.map((cookie) => ({
        dataCategory: COOKIE_DATA.key,
        description: `${vendor.name}: cookie ${cookie.name} (${cookie.domain}) kept ${cookie.retention}`,
      })),
    ),
    recipients: vendors.map((vendor) => ({ name: vendor.name, country: vendor.country, role: "third party" as const })),
    storageLocations: vendors.map((vendor) => vendor.country),
  };
}

async function findEvent(db: TenantScopedPrisma, ctx: Caller, externalSubjectId: string, eventId: string) {
  if (!UUID.test(eventId)) throw notFound();
  const subject = await db.dataSubject.findUnique({
    where: { tenantId_externalId: { tenantId: ctx.tenantId, externalId: externalSubjectId } },
    select: { id: true },
  });
  const event = subject
    ? await db.consentEvent.findFirst({
        where: { id: eventId, subjectId: subject.id },
        include: { ...LEDGER_EVENT_INCLUDE, purpose: true, cookieCategory: true, policyVersion: true },
      })
    : null;
  if (!event) throw notFound();
  return event;
}

type ReceiptDb = Pick<
  TenantScopedPrisma,
  "purposeDataCategory" | "transferRecord" | "processor" | "cookieVendor" | "consentEvent" | "tenant" | "dataSubject"
>;
type TenantRow = Awaited<ReturnType<TenantScopedPrisma["tenant"]["findFirstOrThrow"]>>;
type ReceiptEvent = Awaited<ReturnType<typeof findEvent>>;
type Terms = Awaited<ReturnType<typeof purposeTerms>>;

/**
 * Receipts for events of one subject, as the consent receipt query and the access package issue them: the catalogue's
 * terms of each target are read once per call.
 */
export function receiptIssuer(db: ReceiptDb, tenant: TenantRow, subjectExternalId: string, now: Date) {
  const terms = new Map<string, Promise<Terms>>();
  const termsOf = (event: ReceiptEvent) => {
    const key = event.purposeId ?? `cookies:${event.cookieCategoryId}`;
    let found = terms.get(key);
    if (!found) {
      found = event.purposeId ? purposeTerms(db, event.purposeId, now) : cookieTerms(db, event.cookieCategoryId as string);
      terms.set(key, found);
    }
    return found;
  };
  return async (event: ReceiptEvent, earlierEvents: readonly ReceiptHistoryEvent[]): Promise<ConsentReceipt> => {
    const target = event.purpose
      ? { key: event.purpose.key, name: event.purpose.name, legalBasis: event.purpose.legalBasis }
      : { key: `cookies:${event.cookieCategory?.key}`, name: `Cookies: ${event.cookieCategory?.name}`, legalBasis: "CONSENT" as const };
    return buildConsentReceipt({
      receiptId: randomUUID(),
      issuedAt: now,
      event,
      subjectExternalId,
      entry: ledgerEntry(event),
      earlierEvents,
      controller: {
        id: `urn:uuid:${tenant.id}`,
        name: tenant.controllerName,
        email: tenant.controllerEmail,
        address: tenant.controllerAddress ?? "",
        consentManagementUrl: tenant.consentManagementUrl,
      },
      purpose: target,
      policyVersion: event.policyVersion && {
        version: event.policyVersion.version,
        language: event.policyVersion.language,
        url: event.policyVersion.url,
      },
      ...(await termsOf(event)),
    });
  };
}

/** An ISO/IEC TS 27560 receipt (W3C DPV profile) for one event of the subject, with the history of its target. */
export async function consentReceipt(
  db: TenantScopedPrisma,
  ctx: Caller,
  externalSubjectId: string,
  eventId: string,
): Promise<ConsentReceipt> {
  return issueReceipt(db, ctx, externalSubjectId, await findEvent(db, ctx, externalSubjectId, eventId), "consentReceipt");
}

/** The receipt of an event already found to be the subject's, audited as `operation`: the query that issued it. */
async function issueReceipt(
  db: TenantScopedPrisma,
  ctx: Caller,
  externalSubjectId: string,
  event: ReceiptEvent,
  operation: string,
): Promise<ConsentReceipt> {
  const [earlierEvents, tenant] = await Promise.all([
    db.consentEvent.findMany({
      where: {
        subjectId: event.subjectId,
        purposeId: event.purposeId,
        cookieCategoryId: event.cookieCategoryId,
        sequence: { lt: event.sequence },
      },
      orderBy: { sequence: "asc" },
      select: { id: true, decision: true, channel: true, occurredAt: true, expiresAt: true },
    }),
    db.tenant.findFirstOrThrow(),
  ]);
  await recordAudit(db, ctx, { operation, subjectId: event.subjectId });
  return receiptIssuer(db, tenant, externalSubjectId, new Date())(event, earlierEvents);
}

/** What a shopper downloads: the receipt, its signature, and the proof that its event is in a signed checkpoint. */
export interface SignedReceipt {
  format: "custos-signed-receipt/1";
  receipt: ConsentReceipt;
  /** Detached compact JWS (RFC 7515 appendix F, EdDSA) over the RFC 8785 JSON of `receipt`. */
  signature: string;
  /** Where the event sits in the consent log, and the audit path to the checkpoint's root. */
  inclusionProof: InclusionProof;
  /** The signed checkpoint the proof leads to (compact JWS). */
  checkpoint: string;
}

export async function signedConsentReceipt(
  db: TenantScopedPrisma,
  ctx: Caller,
  keyPepper: string,
  externalSubjectId: string,
  eventId: string,
): Promise<SignedReceipt> {
  // The event first, so that a refused call writes nothing, not even the tenant's first signing key. Then the key: one
  // made now is valid from now, and the receipt, issued after it, within its validity.
  const event = await findEvent(db, ctx, externalSubjectId, eventId);
  const key = await signingKey(db, ctx.tenantId, keyPepper);
  const receipt = await issueReceipt(db, ctx, externalSubjectId, event, "signedConsentReceipt");
  const sequence = receipt["dpv:hasRecordOfActivity"]["dct:provenance"].ledgerEntry.sequence;
  // An event newer than the last scheduled checkpoint gets one now: the tree is extended and signed on demand.
  const checkpoint = (await findCheckpoint(db, { atLeastSize: sequence })) ?? (await publishCheckpoint(db, ctx.tenantId, keyPepper));
  const payload = new TextEncoder().encode(canonicalize(receipt));
  const jws = await new FlattenedSign(payload)
    .setProtectedHeader({ alg: "EdDSA", kid: key.keyId, typ: "custos-receipt+json" })
    .sign(key.privateKey);
  return {
    format: "custos-signed-receipt/1",
    receipt,
    signature: `${jws.protected}..${jws.signature}`,
    inclusionProof: await inclusionProof(db, sequence - 1, checkpoint.treeSize),
    checkpoint: checkpoint.jws,
  };
}
