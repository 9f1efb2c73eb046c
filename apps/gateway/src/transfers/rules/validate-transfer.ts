import { EEA_COUNTRIES, isCountryCode } from "./countries.ts";
import { adequacyDecisionFor } from "./eu-adequacy.ts";
import {
  CITATIONS,
  type Citation,
  MECHANISM_LAW,
  TRANSFER_MECHANISMS,
  TRANSFER_RULES,
  type TransferLaw,
  type TransferMechanism,
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
  /** Null when the input itself is malformed, before any law comes into it. */
  law: TransferLaw | null;
  code: TransferViolationCode;
  message: string;
  /** Null only for an unknown mechanism: no law names it. */
  citation: Citation | null;
}

export interface TransferAssessment {
  ok: boolean;
  applicableLaws: TransferLaw[];
  violations: TransferViolation[];
}

const JURISDICTION = /^([A-Z]{2})(-[A-Z0-9]{1,3})?$/;

function countryOfJurisdiction(jurisdiction: string): string | undefined {
  const match = JURISDICTION.exec(jurisdiction.trim().toUpperCase());
  const country = match?.[1];
  return country !== undefined && isCountryCode(country) ? country : undefined;
}

function isInEea(jurisdiction: string): boolean {
  const code = jurisdiction.trim().toUpperCase();
  if (code === "EU" || code === "EEA") return true;
  const country = countryOfJurisdiction(code);
  return country !== undefined && EEA_COUNTRIES.has(country);
}

function isRussian(jurisdiction: string): boolean {
  return countryOfJurisdiction(jurisdiction) === "RU";
}

/** A law applies when its data leaves its area; a destination inside the same area needs no mechanism. `destinationCountry` is upper-case alpha-2. */
export function lawsApplyingTo(subjectJurisdictions: readonly string[], destinationCountry: string): TransferLaw[] {
  const laws: TransferLaw[] = [];
  if (subjectJurisdictions.some(isInEea) && !EEA_COUNTRIES.has(destinationCountry)) laws.push("GDPR");
  if (destinationCountry !== EXPORTER_COUNTRY) laws.push("PIPL");
  if (subjectJurisdictions.some(isRussian) && destinationCountry !== "RU") laws.push("RU_152FZ");
  return laws;
}

function isTransferMechanism(value: string): value is TransferMechanism {
  return (TRANSFER_MECHANISMS as readonly string[]).includes(value);
}

function inputViolations(transfer: ProposedTransfer, destination: string): TransferViolation[] {
  const violations: TransferViolation[] = [];
  if (!isCountryCode(destination)) {
    violations.push({
      law: null,
      code: "INVALID_COUNTRY",
      message: `destinationCountry "${transfer.destinationCountry}" is not an ISO 3166-1 alpha-2 country code.`,
      citation: CITATIONS.iso3166,
    });
  }
  for (const jurisdiction of transfer.subjectJurisdictions) {
    if (!isInEea(jurisdiction) && countryOfJurisdiction(jurisdiction) === undefined) {
      violations.push({
        law: null,
        code: "INVALID_JURISDICTION",
        message: `subject jurisdiction "${jurisdiction}" is not an ISO 3166 code such as DE or US-CA, nor EU or EEA.`,
        citation: CITATIONS.iso3166,
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

function mechanismViolations(
  mechanisms: readonly TransferMechanism[],
  laws: readonly TransferLaw[],
  destination: string,
): TransferViolation[] {
  const violations: TransferViolation[] = [];
  for (const law of laws) {
    const rule = TRANSFER_RULES[law];
    if (!mechanisms.some((mechanism) => rule.mechanisms.includes(mechanism))) {
      violations.push({
        law,
        code: "MECHANISM_REQUIRED",
        message: `${law} requires one of ${rule.mechanisms.join(", ")} for a transfer to ${destination}.`,
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
        message: `${mechanism} is listed, but ${law} does not govern a transfer of these subjects' data to ${destination}.`,
        citation: TRANSFER_RULES[law].mechanismCitation,
      });
    }
  }
  return violations;
}

function gdprAdequacyViolations(mechanisms: readonly TransferMechanism[], destination: string, startsAt: Date): TransferViolation[] {
  if (!mechanisms.includes("GDPR_ADEQUACY") || adequacyDecisionFor(destination, startsAt)) return [];
  return [
    {
      law: "GDPR",
      code: "MECHANISM_NOT_APPLICABLE",
      message: `${destination} has no EU adequacy decision in force on the transfer's start; use SCCs, BCRs or an Art. 49 derogation.`,
      citation: CITATIONS.gdprAdequacy,
    },
  ];
}

function piplConsentViolations(transfer: ProposedTransfer): TransferViolation[] {
  const violations: TransferViolation[] = [];
  if (transfer.separateConsentObtained !== true) {
    violations.push({
      law: "PIPL",
      code: "SEPARATE_CONSENT_REQUIRED",
      message: "PIPL requires the person's separate consent to this transfer abroad, and the record must say it was obtained.",
      citation: CITATIONS.piplConsentAndNotice,
    });
  }
  if (transfer.noticeGiven !== true) {
    violations.push({
      law: "PIPL",
      code: "INDIVIDUAL_NOTICE_REQUIRED",
      message:
        "PIPL requires telling the person the foreign recipient's name and contact, purpose, method, data categories and how to exercise their rights.",
      citation: CITATIONS.piplConsentAndNotice,
    });
  }
  return violations;
}

function russianNoticeViolations(transfer: ProposedTransfer): TransferViolation[] {
  const reference = transfer.regulatorNoticeRef?.trim();
  const filedAt = transfer.regulatorNoticeAt;
  if (!reference || !filedAt) {
    return [
      {
        law: "RU_152FZ",
        code: "NOTICE_REFERENCE_REQUIRED",
        message:
          "152-FZ requires notifying Roskomnadzor before transferring Russian residents' data abroad: record the notice's reference and date.",
        citation: CITATIONS.fz152Notice,
      },
    ];
  }
  if (filedAt >= transfer.startsAt) {
    return [
      {
        law: "RU_152FZ",
        code: "NOTICE_AFTER_START",
        message: `The notice to Roskomnadzor (${filedAt.toISOString()}) must be filed before the transfer starts (${transfer.startsAt.toISOString()}).`,
        citation: CITATIONS.fz152Notice,
      },
    ];
  }
  return [];
}

export function validateTransfer(transfer: ProposedTransfer): TransferAssessment {
  const destination = transfer.destinationCountry.trim().toUpperCase();
  const malformed = inputViolations(transfer, destination);
  if (malformed.length > 0) return { ok: false, applicableLaws: [], violations: malformed };

  const laws = lawsApplyingTo(transfer.subjectJurisdictions, destination);
  const mechanisms = transfer.mechanisms.filter(isTransferMechanism);
  const violations = [
    ...mechanismViolations(mechanisms, laws, destination),
    ...(laws.includes("GDPR") ? gdprAdequacyViolations(mechanisms, destination, transfer.startsAt) : []),
    ...(laws.includes("PIPL") ? piplConsentViolations(transfer) : []),
    ...(laws.includes("RU_152FZ") ? russianNoticeViolations(transfer) : []),
  ];
  return { ok: violations.length === 0, applicableLaws: laws, violations };
}
