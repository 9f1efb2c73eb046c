import type { LegalBasis } from "@custos/db/enums";
import type { RetentionAction, RetentionTrigger } from "../retention/rules/retention-policy.ts";
import { countryName } from "../transfers/rules/countries.ts";
import type { TransferMechanism } from "../transfers/rules/transfer-rules.ts";

export type { LegalBasis };

export interface ContactDetails {
  name: string;
  email: string;
  address: string;
}

export interface ProcessingRecordInput {
  controller: ContactDetails & {
    /** Art. 27: a controller outside the EU offering goods to people in it names a representative there. */
    representative?: ContactDetails | null;
    dataProtectionOfficer?: ContactDetails | null;
  };
  purposes: readonly { name: string; legalBasis: LegalBasis; dataCategories: readonly string[] }[];
  dataSubjectCategories: readonly string[];
  recipients: readonly { name: string; country: string; purposes: readonly string[] }[];
  transfers: readonly {
    country: string;
    recipient: string;
    mechanisms: readonly TransferMechanism[];
    safeguards: string | null;
    /** Null when the transfer serves every purpose that uses its data categories. */
    purpose: string | null;
    dataCategories: readonly string[];
  }[];
  retention: readonly { dataCategory: string; periodMonths: number; trigger: RetentionTrigger; action: RetentionAction }[];
  securityMeasures: string;
  generatedAt: Date;
}

export interface RecordedTransfer {
  country: string;
  countryName: string;
  recipient: string;
  mechanisms: TransferMechanism[];
  safeguards: string | null;
  purpose: string | null;
  dataCategories: string[];
}

export interface ErasureTimeLimit {
  dataCategory: string;
  periodMonths: number;
  trigger: RetentionTrigger;
  action: RetentionAction;
  description: string;
}

/** The record of processing activities of GDPR Art. 30(1); each section is one of its points. */
export interface ProcessingRecord {
  generatedAt: string;
  /** (a) name and contact details of the controller, its representative and data protection officer. */
  controller: ProcessingRecordInput["controller"];
  /** (b) the purposes of the processing, each with its legal basis and the data categories it uses. */
  purposes: { name: string; legalBasis: LegalBasis; dataCategories: string[] }[];
  /** (c) the categories of data subjects and of personal data. */
  categories: { dataSubjects: string[]; personalData: string[] };
  /** (d) the recipients to whom the data are or will be disclosed, including in third countries. */
  recipients: { name: string; country: string; countryName: string; purposes: string[] }[];
  /** (e) transfers to third countries, with the safeguards each rests on. */
  transfers: RecordedTransfer[];
  /** (f) the envisaged time limits for erasure of each data category. */
  erasureTimeLimits: ErasureTimeLimit[];
  /** (g) a general description of the technical and organisational security measures. */
  securityMeasures: string;
}

const TRIGGER_WORDING: Record<RetentionTrigger, string> = {
  COLLECTION: "after collection",
  LAST_ACTIVITY: "after the last activity",
  CONTRACT_END: "after the contract ends",
  REQUEST_CLOSED: "after the request is closed",
};

const ACTION_WORDING: Record<RetentionAction, string> = { DELETE: "then deleted", ANONYMISE: "then anonymised" };

export function describeErasureTimeLimit(limit: Pick<ErasureTimeLimit, "periodMonths" | "trigger" | "action">): string {
  const period = limit.periodMonths === 1 ? "1 month" : `${limit.periodMonths} months`;
  return `${period} ${TRIGGER_WORDING[limit.trigger]}, ${ACTION_WORDING[limit.action]}`;
}

const byText = (left: string, right: string) => left.localeCompare(right, "en");
const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort(byText);

export function buildProcessingRecord(input: ProcessingRecordInput): ProcessingRecord {
  const personalData = sortedUnique([
    ...input.purposes.flatMap((purpose) => purpose.dataCategories),
    ...input.retention.map((limit) => limit.dataCategory),
  ]);
  return {
    generatedAt: input.generatedAt.toISOString(),
    controller: input.controller,
    purposes: input.purposes.map((purpose) => ({ ...purpose, dataCategories: [...purpose.dataCategories] })),
    categories: { dataSubjects: sortedUnique(input.dataSubjectCategories), personalData },
    recipients: input.recipients
      .map((recipient) => ({ ...recipient, countryName: countryName(recipient.country), purposes: sortedUnique(recipient.purposes) }))
      .sort((left, right) => byText(left.name, right.name)),
    transfers: input.transfers
      .map((transfer) => ({
        ...transfer,
        countryName: countryName(transfer.country),
        mechanisms: [...transfer.mechanisms],
        dataCategories: sortedUnique(transfer.dataCategories),
      }))
      .sort((left, right) => byText(left.countryName, right.countryName) || byText(left.recipient, right.recipient)),
    erasureTimeLimits: input.retention
      .map((limit) => ({ ...limit, description: describeErasureTimeLimit(limit) }))
      .sort((left, right) => byText(left.dataCategory, right.dataCategory)),
    securityMeasures: input.securityMeasures,
  };
}
