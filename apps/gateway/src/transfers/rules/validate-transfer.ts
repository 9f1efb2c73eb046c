import { isJurisdiction } from "../../ground/identifiers/jurisdiction.ts";
import { ADEQUACY_CITATION } from "../../laws/gdpr.ts";
import { CONSENT_AND_NOTICE_CITATION } from "../../laws/pipl.ts";
import { LAWS, type LawId, lawFor } from "../../laws/registry.ts";
import { PRIOR_NOTICE_CITATION } from "../../laws/ru-152-fz.ts";
import { isCountryCode } from "./countries.ts";
import { adequacyDecisionFor } from "./eu-adequacy.ts";
import {
  type Citation,
  ISO_3166_CITATION,
  MECHANISM_LAW,
  TRANSFER_MECHANISMS,
  TRANSFER_RULES,
  type TransferMechanism,
  type TransferRule,
} from "./transfer-rules.ts";

/** The company exports from Shenzhen, so PIPL governs every transfer whose destination is not mainland China. */
const EXPORTER_COUNTRY = "CN";

export interface ProposedTransfer {
  /** Where the data subjects are: ISO 3166-1 alpha-2 codes, ISO 3166-2 subdivisions ("US-CA"), or "EU"/"EEA". */
  subjectJurisdictions: readonly string[];
  destinationCountry: string;
  mechanisms: readonly string[];
  regulatorNoticeRef?: string | null;
  regulatorNoticeAt?: Date | null;
  startsAt: Date;
  separateConsentObtained?: boolean;
  noticeGiven?: boolean;
}

export type TransferViolationCode =
  | "INVALID_COUNTRY"
  | "INVALID_JURISDICTION"
  | "UNKNOWN_MECHANISM"
  | "MECHANISM_REQUIRED"
  | "MECHANISM_NOT_APPLICABLE"
  | "SEPARATE_CONSENT_REQUIRED"
  | "INDIVIDUAL_NOTICE_REQUIRED"
  | "NOTICE_REFERENCE_REQUIRED"
  | "NOTICE_AFTER_START";

export interface TransferViolation {
  /** The law as published (its transfer rule's `reportedAs`); null when the input itself is malformed, before any law comes into it. */
  law: string | null;
  code: TransferViolationCode;
  message: string;
  /** Null only for an unknown mechanism: no law names it. */
  citation: Citation | null;
}

export interface TransferAssessment {
  ok: boolean;
  applicableLaws: string[];
  violations: TransferViolation[];
}

/** A violation while its law is still named by id. */
type Finding = Omit<TransferViolation, "law"> & { law: LawId | null };

function ruleOf(law: LawId): TransferRule {
  const rule = TRANSFER_RULES[law];
  if (!rule) throw new TypeError(`${law} has no transfer rule`);
  return rule;
}

/** The jurisdiction, upper case, when it is one of an assigned country. */
function validJurisdiction(jurisdiction: string): string | undefined {
  const code = jurisdiction.trim().toUpperCase();
  return isJurisdiction(code) && isCountryCode(code.slice(0, 2)) ? code : undefined;
}

const isAreaName = (jurisdiction: string): boolean =>
  LAWS.some((law) => law.transfer?.areaNames?.includes(jurisdiction.trim().toUpperCase()));

function isInAreaOf(law: LawId, jurisdiction: string): boolean {
  if (ruleOf(law).areaNames?.includes(jurisdiction.trim().toUpperCase())) return true;
  const code = validJurisdiction(jurisdiction);
  return code !== undefined && lawFor(code).id === law;
}

/**
 * A law applies when its data leaves its area: its subjects' data, or any data exported from inside it. A destination
 * inside the same area needs no mechanism. `destinationCountry` is upper-case alpha-2. Laws come in order of id, so an
 * answer does not depend on where a law sits in the registry.
 */
export function lawsApplyingTo(subjectJurisdictions: readonly string[], destinationCountry: string): LawId[] {
  return LAWS.filter((law) => law.transfer)
    .map((law) => law.id)
    .filter(
      (law) =>
        !isInAreaOf(law, destinationCountry) &&
        (isInAreaOf(law, EXPORTER_COUNTRY) || subjectJurisdictions.some((jurisdiction) => isInAreaOf(law, jurisdiction))),
    )
    .sort();
}

function isTransferMechanism(value: string): value is TransferMechanism {
  return (TRANSFER_MECHANISMS as readonly string[]).includes(value);
}

function inputViolations(transfer: ProposedTransfer, destination: string): Finding[] {
  const violations: Finding[] = [];
  if (!isCountryCode(destination)) {
    violations.push({
      law: null,
      code: "INVALID_COUNTRY",
      message: `destinationCountry "${transfer.destinationCountry}" is not an ISO 3166-1 alpha-2 country code.`,
      citation: ISO_3166_CITATION,
    });
  }
  for (const jurisdiction of transfer.subjectJurisdictions) {
    if (!isAreaName(jurisdiction) && validJurisdiction(jurisdiction) === undefined) {
      violations.push({
        law: null,
        code: "INVALID_JURISDICTION",
        message: `subject jurisdiction "${jurisdiction}" is not an ISO 3166 code such as DE or US-CA, nor EU or EEA.`,
        citation: ISO_3166_CITATION,
      });
    }
  }
  for (const mechanism of transfer.mechanisms.filter((value) => !isTransferMechanism(value))) {
    violations.push({
      law: null,
      code: "UNKNOWN_MECHANISM",
      message: `"${mechanism}" is not a transfer mechanism; use one of ${TRANSFER_MECHANISMS.join(", ")}.`,
      citation: null,
    });
  }
  return violations;
}

function mechanismViolations(mechanisms: readonly TransferMechanism[], laws: readonly LawId[], destination: string): Finding[] {
  const violations: Finding[] = [];
  for (const law of laws) {
    const rule = ruleOf(law);
    if (!mechanisms.some((mechanism) => rule.mechanisms.includes(mechanism))) {
      violations.push({
        law,
        code: "MECHANISM_REQUIRED",
        message: `${rule.reportedAs} requires one of ${rule.mechanisms.join(", ")} for a transfer to ${destination}.`,
        citation: rule.mechanismCitation,
      });
    }
  }
  for (const mechanism of mechanisms) {
    const law = MECHANISM_LAW[mechanism];
    if (!laws.includes(law)) {
      violations.push({
        law,
        code: "MECHANISM_NOT_APPLICABLE",
        message: `${mechanism} is listed, but ${ruleOf(law).reportedAs} does not govern a transfer of these subjects' data to ${destination}.`,
        citation: ruleOf(law).mechanismCitation,
      });
    }
  }
  return violations;
}

function gdprAdequacyViolations(mechanisms: readonly TransferMechanism[], destination: string, startsAt: Date): Finding[] {
  if (!mechanisms.includes("GDPR_ADEQUACY") || adequacyDecisionFor(destination, startsAt)) return [];
  return [
    {
      law: "GDPR",
      code: "MECHANISM_NOT_APPLICABLE",
      message: `${destination} has no EU adequacy decision in force on the transfer's start; use SCCs, BCRs or an Art. 49 derogation.`,
      citation: ADEQUACY_CITATION,
    },
  ];
}

function piplConsentViolations(transfer: ProposedTransfer): Finding[] {
  const violations: Finding[] = [];
  if (transfer.separateConsentObtained !== true) {
    violations.push({
      law: "PIPL",
      code: "SEPARATE_CONSENT_REQUIRED",
      message: "PIPL requires the person's separate consent to this transfer abroad, and the record must say it was obtained.",
      citation: CONSENT_AND_NOTICE_CITATION,
    });
  }
  if (transfer.noticeGiven !== true) {
    violations.push({
      law: "PIPL",
      code: "INDIVIDUAL_NOTICE_REQUIRED",
      message:
        "PIPL requires telling the person the foreign recipient's name and contact, purpose, method, data categories and how to exercise their rights.",
      citation: CONSENT_AND_NOTICE_CITATION,
    });
  }
  return violations;
}

function russianNoticeViolations(transfer: ProposedTransfer): Finding[] {
  const reference = transfer.regulatorNoticeRef?.trim();
  const filedAt = transfer.regulatorNoticeAt;
  if (!reference || !filedAt) {
    return [
      {
        law: "RU_152_FZ",
        code: "NOTICE_REFERENCE_REQUIRED",
        message:
          "152-FZ requires notifying Roskomnadzor before transferring Russian residents' data abroad: record the notice's reference and date.",
        citation: PRIOR_NOTICE_CITATION,
      },
    ];
  }
  if (filedAt >= transfer.startsAt) {
    return [
      {
        law: "RU_152_FZ",
        code: "NOTICE_AFTER_START",
        message: `The notice to Roskomnadzor (${filedAt.toISOString()}) must be filed before the transfer starts (${transfer.startsAt.toISOString()}).`,
        citation: PRIOR_NOTICE_CITATION,
      },
    ];
  }
  return [];
}

const published = (finding: Finding): TransferViolation => ({ ...finding, law: finding.law && ruleOf(finding.law).reportedAs });

export function validateTransfer(transfer: ProposedTransfer): TransferAssessment {
  const destination = transfer.destinationCountry.trim().toUpperCase();
  const malformed = inputViolations(transfer, destination);
  if (malformed.length > 0) return { ok: false, applicableLaws: [], violations: malformed.map(published) };

  const laws = lawsApplyingTo(transfer.subjectJurisdictions, destination);
  const mechanisms = transfer.mechanisms.filter(isTransferMechanism);
  const violations = [
    ...mechanismViolations(mechanisms, laws, destination),
    ...(laws.includes("GDPR") ? gdprAdequacyViolations(mechanisms, destination, transfer.startsAt) : []),
    ...(laws.includes("PIPL") ? piplConsentViolations(transfer) : []),
    ...(laws.includes("RU_152_FZ") ? russianNoticeViolations(transfer) : []),
  ];
  return {
    ok: violations.length === 0,
    applicableLaws: laws.map((law) => ruleOf(law).reportedAs),
    violations: violations.map(published),
  };
}
