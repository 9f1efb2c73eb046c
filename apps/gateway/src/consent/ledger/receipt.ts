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
 * The ledger hash of the event goes in dct:provenance, so the holder of a receipt can ask for it to be checked.
 */
import type { ConsentChannel, LegalBasis } from "./consent-terms.ts";
import { epochMillis, type InstantInput, isoInstant } from "./dates.ts";
import type { ConsentEventRecord } from "./hash-chain.ts";

export const RECORD_PROFILE = "https://w3id.org/dpv/schema/dpv-27560#record";
export const RECEIPT_PROFILE = "https://w3id.org/dpv/schema/dpv-27560#receipt";

export const RECEIPT_CONTEXT = {
  dpv: "https://w3id.org/dpv#",
  loc: "https://w3id.org/dpv/loc#",
  dct: "http://purl.org/dc/terms/",
  schema: "https://schema.org/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
} as const;

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
  name: string;
  email: string;
  /** Postal address as one line. */
  address: string;
  /** Used as the controller's identifier when given; otherwise the record uses a blank node. */
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

export type ReceiptHistoryEvent = Pick<ConsentEventRecord, "id" | "decision" | "channel" | "occurredAt" | "expiresAt">;

export interface ConsentReceiptInput {
  /** A fresh UUID for this receipt; the caller makes it so this function stays pure. */
  receiptId: string;
  issuedAt: InstantInput;
  /** The event the receipt is for: the record's identifier and its latest status. */
  event: ConsentEventRecord;
  /** The ledger hash of `event`. */
  eventHash: string;
  /** Earlier events of the same subject for the same purpose or cookie category, oldest first. */
  earlierEvents?: readonly ReceiptHistoryEvent[];
  controller: ReceiptController;
  purpose: ReceiptPurpose;
  policyVersion: ReceiptPolicyVersion | null;
}

export interface ReceiptConsentStatus {
  "@type": string | string[];
  "dct:identifier"?: string;
  "dpv:isIndicatedAtTime": string;
  "dpv:isIndicatedBy": string;
  "dpv:hasIndicationMethod"?: string;
  "dpv:hasDuration"?: { "@type": string; "rdf:value"?: string };
}

export interface ReceiptConsentRecord {
  "@id": string;
  "@type": "dpv:ConsentRecord";
  "dct:identifier": string;
  "dct:conformsTo": typeof RECORD_PROFILE;
  "dpv:hasDataSubject": { "@id": string; "@type": "dpv:DataSubject"; "dct:identifier": string };
  "dpv:hasDataController": string;
  "dpv:hasJurisdiction"?: string;
  "dpv:hasNotice"?: { "@id"?: string; "@type": "dpv:ConsentNotice"; "dct:hasVersion": string; "dct:language": string };
  "dpv:hasProcess": {
    "@type": "dpv:Process";
    "dpv:hasPurpose": { "@type": "dpv:Purpose"; "dct:identifier": string; "dct:title": string };
    "dpv:hasLegalBasis": string;
    "dpv:hasDataController": string;
  };
  "dpv:hasConsentControl"?: { "@type": string[]; "dpv:isExercisedAt": string };
  "dpv:hasEntity": Record<string, unknown>[];
  "dpv:hasConsentStatus": ReceiptConsentStatus[];
  "dct:provenance": { "@type": "dct:ProvenanceStatement"; "dct:description": string; "rdf:value": string };
}

export interface ConsentReceipt {
  "@context": typeof RECEIPT_CONTEXT;
  "@id": string;
  "@type": "dpv:ConsentReceipt";
  "dct:identifier": string;
  "dpv:hasIdentifier": string;
  "dct:conformsTo": typeof RECEIPT_PROFILE;
  "dct:created": string;
  "dct:publisher": string;
  "schema:recipient": "dpv:DataSubject";
  "dpv:hasRecordOfActivity": ReceiptConsentRecord;
}

function grantDuration(expiresAt: InstantInput | null | undefined): ReceiptConsentStatus["dpv:hasDuration"] {
  return expiresAt == null ? { "@type": "dpv:EndlessDuration" } : { "@type": "dpv:UntilTimeDuration", "rdf:value": isoInstant(expiresAt) };
}

/** One status entry per decision, oldest first, with expiries inserted where a grant lapsed before what followed it. */
export function consentStatusHistory(
  events: readonly ReceiptHistoryEvent[],
  issuedAt: InstantInput,
  controllerId: string,
): ReceiptConsentStatus[] {
  const statuses: ReceiptConsentStatus[] = [];
  let everGranted = false;
  for (const [index, event] of events.entries()) {
    const previous = index > 0 ? events[index - 1] : undefined;
    const common = {
      "dct:identifier": event.id,
      "dpv:isIndicatedAtTime": isoInstant(event.occurredAt),
      "dpv:isIndicatedBy": "dpv:DataSubject",
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
          "dpv:isIndicatedBy": controllerId,
        });
      }
    } else {
      statuses.push({ "@type": everGranted ? "dpv:ConsentWithdrawn" : "dpv:ConsentRefused", ...common });
    }
  }
  return statuses;
}

function controllerEntity(controller: ReceiptController, controllerId: string): Record<string, unknown> {
  return {
    "@id": controllerId,
    "@type": ["dpv:Organisation", "dpv:DataController"],
    "dpv:hasIdentifier": controllerId,
    "dpv:hasName": controller.name,
    "schema:contactPoint": [
      { "@type": "schema:ContactPoint", "schema:email": controller.email },
      { "@type": "schema:PostalAddress", "schema:streetAddress": controller.address },
    ],
    ...(controller.url ? { "schema:url": controller.url } : {}),
  };
}

export function buildConsentReceipt(input: ConsentReceiptInput): ConsentReceipt {
  const { event, controller, purpose, policyVersion } = input;
  const controllerId = controller.url ?? "_:controller";
  const jurisdiction = event.jurisdiction ? { "dpv:hasJurisdiction": `loc:${event.jurisdiction}` } : {};
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
  const consentControl = controller.consentManagementUrl
    ? {
        "dpv:hasConsentControl": {
          "@type": ["dpv:ProvideConsent", "dpv:WithdrawConsent"],
          "dpv:isExercisedAt": controller.consentManagementUrl,
        },
      }
    : {};
  const record: ReceiptConsentRecord = {
    "@id": `urn:uuid:${event.id}`,
    "@type": "dpv:ConsentRecord",
    "dct:identifier": event.id,
    "dct:conformsTo": RECORD_PROFILE,
    "dpv:hasDataSubject": { "@id": `urn:uuid:${event.subjectId}`, "@type": "dpv:DataSubject", "dct:identifier": event.subjectId },
    "dpv:hasDataController": controllerId,
    ...jurisdiction,
    ...notice,
    "dpv:hasProcess": {
      "@type": "dpv:Process",
      "dpv:hasPurpose": { "@type": "dpv:Purpose", "dct:identifier": purpose.key, "dct:title": purpose.name },
      "dpv:hasLegalBasis": LEGAL_BASIS_TERMS[purpose.legalBasis],
      "dpv:hasDataController": controllerId,
    },
    ...consentControl,
    "dpv:hasEntity": [controllerEntity(controller, controllerId)],
    "dpv:hasConsentStatus": consentStatusHistory([...(input.earlierEvents ?? []), event], input.issuedAt, controllerId),
    "dct:provenance": {
      "@type": "dct:ProvenanceStatement",
      "dct:description": "SHA-256 link of this event in the controller's hash-chained consent ledger",
      "rdf:value": `sha256:${input.eventHash}`,
    },
  };
  return {
    "@context": RECEIPT_CONTEXT,
    "@id": `urn:uuid:${input.receiptId}`,
    "@type": "dpv:ConsentReceipt",
    "dct:identifier": input.receiptId,
    "dpv:hasIdentifier": input.receiptId,
    "dct:conformsTo": RECEIPT_PROFILE,
    "dct:created": isoInstant(input.issuedAt),
    "dct:publisher": controllerId,
    "schema:recipient": "dpv:DataSubject",
    "dpv:hasRecordOfActivity": record,
  };
}
