/**
 * Consent receipts per ISO/IEC TS 27560:2023 as profiled with the W3C Data Privacy Vocabulary in "Consent Records and
 * Receipts as per ISO/IEC TS 27560:2023 using DPV" (DPVCG final report, 2024-08-01, https://w3id.org/dpv/guides/consent-27560).
 *
 * Following that guide, a receipt (`dpv:ConsentReceipt`, profile dpv-27560#receipt) wraps a full copy of one consent
 * record (`dpv:ConsentRecord`, profile dpv-27560#record) under `dpv:hasRecordOfActivity`. The 27560 fields map as:
 * schema_version → dct:conformsTo; record_id / receipt id → dct:identifier (+ dpv:hasIdentifier); pii_principal_id →
 * dpv:hasDataSubject; pii_controllers → dpv:hasDataController with the party in dpv:hasEntity (name, contact, postal
 * address); privacy_notice and language → dpv:hasNotice with dct:language; purposes → dpv:hasProcess / dpv:hasPurpose;
 * lawful_basis → dpv:hasLegalBasis; jurisdiction → dpv:hasJurisdiction (DPV `loc:` codes, ISO 3166); withdrawal method →
 * dpv:hasConsentControl; the event fields (event type, state, time, duration, entity) → one dpv:hasConsentStatus entry
 * per event, oldest first, with dpv:isIndicatedAtTime, dpv:isIndicatedBy, dpv:hasIndicationMethod and dpv:hasDuration.
 *
 * Statuses: a grant is dpv:ConsentGiven, or dpv:RenewedConsentGiven when the decision before it was also a grant; a
 * withdrawal is dpv:ConsentWithdrawn after an earlier grant and dpv:ConsentRefused otherwise; a grant that lapsed
 * before the next decision (or before the receipt was issued) gets a dpv:ConsentExpired entry at its expiry.
 * The fields the guide requires beyond those: personal data categories → dpv:hasPersonalData; storage location and
 * retention period → dpv:hasStorageCondition (dpv:StorageLocation with loc: codes, dpv:StorageDuration as an ISO 8601
 * duration per category); recipients and third parties → dpv:hasRecipient; the withdrawal method → dpv:hasConsentControl
 * (dpv:WithdrawConsent at the controller's consent-management page and by e-mail). Every DPV concept is an IRI
 * (`{"@id": "dpv:Consent"}`), so it expands to the concept rather than a string; the controller is a node linked by IRI.
 *
 * dct:provenance carries the event's entry in the public consent log (ledger-entry.ts) as a JSON literal with its leaf
 * hash: the holder recomputes the hash from what the receipt carries and checks its inclusion against a checkpoint.
 */
import type { ConsentChannel, LegalBasis } from "./consent-terms.ts";
import { epochMillis, type InstantInput, isoInstant } from "./dates.ts";
import type { ConsentEventRecord } from "./hash-chain.ts";
import { type LedgerEntry, ledgerEntryLeafHash } from "./ledger-entry.ts";

export const RECORD_PROFILE = "https://w3id.org/dpv/schema/dpv-27560#record";
export const RECEIPT_PROFILE = "https://w3id.org/dpv/schema/dpv-27560#receipt";

/** Custos's own terms: only the ledger entry, a JSON literal (JSON-LD 1.1 `@json`), so it expands as it is hashed. */
export const CUSTOS_NAMESPACE = "urn:custos:terms:";

export const RECEIPT_CONTEXT = {
  dpv: "https://w3id.org/dpv#",
  pd: "https://w3id.org/dpv/pd#",
  loc: "https://w3id.org/dpv/loc#",
  dct: "http://purl.org/dc/terms/",
  schema: "https://schema.org/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  ledgerEntry: { "@id": `${CUSTOS_NAMESPACE}ledgerEntry`, "@type": "@json" },
} as const;

type Ref = { "@id": string };
const ref = (id: string): Ref => ({ "@id": id });

const LEGAL_BASIS_TERMS: Record<LegalBasis, string> = {
  CONSENT: "dpv:Consent",
  CONTRACT: "dpv:Contract",
  LEGITIMATE_INTEREST: "dpv:LegitimateInterest",
  LEGAL_OBLIGATION: "dpv:LegalObligation",
};

const INDICATION_METHODS: Record<ConsentChannel, string> = {
  BANNER: "Cookie banner on the storefront",
  PREFERENCE_CENTRE: "Preference centre",
  UNSUBSCRIBE_LINK: "Unsubscribe link in an e-mail",
  SUPPORT_AGENT: "Request made to a support agent",
  API: "Call to the Custos API",
  GPC_SIGNAL: "Global Privacy Control signal sent by the browser",
};

export interface ReceiptController {
  /** The controller's IRI (its node's @id). */
  id: string;
  name: string;
  email: string;
  /** Postal address as one line. */
  address: string;
  url?: string | null;
  /** Where the person can change or withdraw consent (P7). */
  consentManagementUrl?: string | null;
}

export interface ReceiptPurpose {
  key: string;
  name: string;
  legalBasis: LegalBasis;
}

export interface ReceiptPolicyVersion {
  version: string;
  /** BCP 47 tag, e.g. `ru`. */
  language: string;
  url?: string | null;
}

/** A category of personal data the consent covers: one of the catalogue's, or a DPV `pd:` concept (`pd:OnlineIdentifier`). */
export interface ReceiptPersonalData {
  key: string;
  name: string;
  concept?: string;
}

/** How long a category is kept: an ISO 8601 duration (`P36M`) and what starts it, or a vendor's own words ("6 months"). */
export interface ReceiptRetention {
  dataCategory: string;
  duration?: string;
  description: string;
}

/** A processor or third party the data goes to, and the country it is in (ISO 3166-1 alpha-2). */
export interface ReceiptRecipient {
  name: string;
  country: string;
  role: "processor" | "third party";
}

export type ReceiptHistoryEvent = Pick<ConsentEventRecord, "id" | "decision" | "channel" | "occurredAt" | "expiresAt">;

export interface ConsentReceiptInput {
  /** A fresh UUID for this receipt; the caller makes it so this function stays pure. */
  receiptId: string;
  issuedAt: InstantInput;
  /** The event the receipt is for: the record's identifier and its latest status. */
  event: ConsentEventRecord;
  /** The app's id of the person (`cust-42`, `visitor:…`), as they and the company's apps know them. */
  subjectExternalId: string;
  /** The event's entry in the public consent log. */
  entry: LedgerEntry;
  /** Earlier events of the same subject for the same purpose or cookie category, oldest first. */
  earlierEvents?: readonly ReceiptHistoryEvent[];
  controller: ReceiptController;
  purpose: ReceiptPurpose;
  policyVersion: ReceiptPolicyVersion | null;
  personalData: readonly ReceiptPersonalData[];
  retention: readonly ReceiptRetention[];
  /** Countries where the data is stored (ISO 3166-1 alpha-2). */
  storageLocations: readonly string[];
  recipients: readonly ReceiptRecipient[];
}

export interface ReceiptConsentStatus {
  "@type": string | string[];
  "dct:identifier"?: string;
  "dpv:isIndicatedAtTime": string;
  "dpv:isIndicatedBy": Ref;
  "dpv:hasIndicationMethod"?: string;
  "dpv:hasDuration"?: { "@type": string; "rdf:value"?: string };
}

export interface ReceiptConsentRecord {
  "@id": string;
  "@type": "dpv:ConsentRecord";
  "dct:identifier": string;
  "dct:conformsTo": Ref;
  "dpv:hasDataSubject": { "@id": string; "@type": "dpv:DataSubject"; "dct:identifier": string };
  "dpv:hasDataController": Ref;
  "dpv:hasJurisdiction"?: Ref;
  "dpv:hasNotice"?: { "@id"?: string; "@type": "dpv:ConsentNotice"; "dct:hasVersion": string; "dct:language": string };
  "dpv:hasProcess": {
    "@type": "dpv:Process";
    "dpv:hasPurpose": { "@type": "dpv:Purpose"; "dct:identifier": string; "dct:title": string };
    "dpv:hasLegalBasis": Ref;
    "dpv:hasDataController": Ref;
    "dpv:hasPersonalData": Record<string, unknown>[];
    "dpv:hasStorageCondition": Record<string, unknown>[];
    "dpv:hasRecipient": Record<string, unknown>[];
  };
  "dpv:hasConsentControl": { "@type": string[]; "dpv:isExercisedAt": Ref[] };
  "dpv:hasEntity": Record<string, unknown>[];
  "dpv:hasConsentStatus": ReceiptConsentStatus[];
  "dct:provenance": { "@type": "dct:ProvenanceStatement"; "dct:description": string; "rdf:value": string; ledgerEntry: LedgerEntry };
}

export interface ConsentReceipt {
  "@context": typeof RECEIPT_CONTEXT;
  "@id": string;
  "@type": "dpv:ConsentReceipt";
  "dct:identifier": string;
  "dpv:hasIdentifier": string;
  "dct:conformsTo": Ref;
  "dct:created": string;
  "dct:publisher": Ref;
  "schema:recipient": Ref;
  "dpv:hasRecordOfActivity": ReceiptConsentRecord;
}

function grantDuration(expiresAt: InstantInput | null | undefined): ReceiptConsentStatus["dpv:hasDuration"] {
  return expiresAt == null ? { "@type": "dpv:EndlessDuration" } : { "@type": "dpv:UntilTimeDuration", "rdf:value": isoInstant(expiresAt) };
}

/** One status entry per decision, oldest first, with expiries inserted where a grant lapsed before what followed it. */
export function consentStatusHistory(
  events: readonly ReceiptHistoryEvent[],
  issuedAt: InstantInput,
  subjectId: string,
  controllerId: string,
): ReceiptConsentStatus[] {
  const statuses: ReceiptConsentStatus[] = [];
  let everGranted = false;
  for (const [index, event] of events.entries()) {
    const previous = index > 0 ? events[index - 1] : undefined;
    const common = {
      "dct:identifier": event.id,
      "dpv:isIndicatedAtTime": isoInstant(event.occurredAt),
      "dpv:isIndicatedBy": ref(subjectId),
      "dpv:hasIndicationMethod": INDICATION_METHODS[event.channel],
    };
    if (event.decision === "GRANTED") {
      const given = previous?.decision === "GRANTED" ? "dpv:RenewedConsentGiven" : "dpv:ConsentGiven";
      statuses.push({ "@type": [given, "dpv:ExpressedConsent"], ...common, "dpv:hasDuration": grantDuration(event.expiresAt) });
      everGranted = true;
      const lapsesBefore = epochMillis(events[index + 1]?.occurredAt ?? issuedAt);
      if (event.expiresAt != null && epochMillis(event.expiresAt) <= lapsesBefore) {
        statuses.push({
          "@type": "dpv:ConsentExpired",
          "dpv:isIndicatedAtTime": isoInstant(event.expiresAt),
          "dpv:isIndicatedBy": ref(controllerId),
        });
      }
    } else {
      statuses.push({ "@type": everGranted ? "dpv:ConsentWithdrawn" : "dpv:ConsentRefused", ...common });
    }
  }
  return statuses;
}

function controllerEntity(controller: ReceiptController): Record<string, unknown> {
  return {
    "@id": controller.id,
    "@type": ["dpv:Organisation", "dpv:DataController"],
    "dpv:hasName": controller.name,
    "schema:contactPoint": [
      { "@type": "schema:ContactPoint", "schema:email": controller.email },
      { "@type": "schema:PostalAddress", "schema:streetAddress": controller.address },
    ],
    ...(controller.url ? { "schema:url": ref(controller.url) } : {}),
  };
}

const dataCategoryId = (controllerId: string, key: string) => `${controllerId}#data-category:${encodeURIComponent(key)}`;

function personalData(controllerId: string, categories: readonly ReceiptPersonalData[]): Record<string, unknown>[] {
  return categories.map((category) => ({
    "@id": category.concept ?? dataCategoryId(controllerId, category.key),
    "@type": "dpv:PersonalData",
    "dct:identifier": category.key,
    "dct:title": category.name,
  }));
}

function storageConditions(controllerId: string, input: ConsentReceiptInput): Record<string, unknown>[] {
  const location = {
    "@type": "dpv:StorageLocation",
    "dpv:hasLocation": [...new Set(input.storageLocations)].sort().map((country) => ref(`loc:${country}`)),
  };
  const durations = input.retention.map((retention) => ({
    "@type": "dpv:StorageDuration",
    "dpv:hasPersonalData": ref(
      input.personalData.find((category) => category.key === retention.dataCategory)?.concept ??
        dataCategoryId(controllerId, retention.dataCategory),
    ),
    ...(retention.duration ? { "rdf:value": retention.duration } : {}),
    "dct:description": retention.description,
  }));
  return [location, ...durations];
}

function recipients(list: readonly ReceiptRecipient[]): Record<string, unknown>[] {
  return list.map((recipient) => ({
    "@type": recipient.role === "processor" ? ["dpv:Recipient", "dpv:DataProcessor"] : ["dpv:Recipient", "dpv:ThirdParty"],
    "dpv:hasName": recipient.name,
    "dpv:hasLocation": ref(`loc:${recipient.country}`),
  }));
}

export function buildConsentReceipt(input: ConsentReceiptInput): ConsentReceipt {
  const { event, controller, purpose, policyVersion } = input;
  const controllerId = controller.id;
  const subjectId = `urn:uuid:${event.subjectId}`;
  const jurisdiction = event.jurisdiction ? { "dpv:hasJurisdiction": ref(`loc:${event.jurisdiction}`) } : {};
  const notice = policyVersion
    ? {
        "dpv:hasNotice": {
          ...(policyVersion.url ? { "@id": policyVersion.url } : {}),
          "@type": "dpv:ConsentNotice" as const,
          "dct:hasVersion": policyVersion.version,
          "dct:language": policyVersion.language,
        },
      }
    : {};
  // P7: withdraw where it was given (the preference centre) or by writing to the controller.
  const withdrawAt = [...(controller.consentManagementUrl ? [controller.consentManagementUrl] : []), `mailto:${controller.email}`];
  const record: ReceiptConsentRecord = {
    "@id": `urn:uuid:${event.id}`,
    "@type": "dpv:ConsentRecord",
    "dct:identifier": event.id,
    "dct:conformsTo": ref(RECORD_PROFILE),
    "dpv:hasDataSubject": { "@id": subjectId, "@type": "dpv:DataSubject", "dct:identifier": input.subjectExternalId },
    "dpv:hasDataController": ref(controllerId),
    ...jurisdiction,
    ...notice,
    "dpv:hasProcess": {
      "@type": "dpv:Process",
      "dpv:hasPurpose": { "@type": "dpv:Purpose", "dct:identifier": purpose.key, "dct:title": purpose.name },
      "dpv:hasLegalBasis": ref(LEGAL_BASIS_TERMS[purpose.legalBasis]),
      "dpv:hasDataController": ref(controllerId),
      "dpv:hasPersonalData": personalData(controllerId, input.personalData),
      "dpv:hasStorageCondition": storageConditions(controllerId, input),
      "dpv:hasRecipient": recipients(input.recipients),
    },
    "dpv:hasConsentControl": {
      "@type": ["dpv:ProvideConsent", "dpv:WithdrawConsent"],
      "dpv:isExercisedAt": withdrawAt.map(ref),
    },
    "dpv:hasEntity": [controllerEntity(controller)],
    "dpv:hasConsentStatus": consentStatusHistory([...(input.earlierEvents ?? []), event], input.issuedAt, subjectId, controllerId),
    "dct:provenance": {
      "@type": "dct:ProvenanceStatement",
      "dct:description":
        "RFC 9162 leaf hash (SHA-256, hex) of ledgerEntry, this event's entry in the controller's public consent log; " +
        "its inclusion is proven against a signed checkpoint of that log",
      "rdf:value": ledgerEntryLeafHash(input.entry),
      ledgerEntry: input.entry,
    },
  };
  return {
    "@context": RECEIPT_CONTEXT,
    "@id": `urn:uuid:${input.receiptId}`,
    "@type": "dpv:ConsentReceipt",
    "dct:identifier": input.receiptId,
    "dpv:hasIdentifier": input.receiptId,
    "dct:conformsTo": ref(RECEIPT_PROFILE),
    "dct:created": isoInstant(input.issuedAt),
    "dct:publisher": ref(controllerId),
    "schema:recipient": ref(subjectId),
    "dpv:hasRecordOfActivity": record,
  };
}
