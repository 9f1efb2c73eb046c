import { RequestRuleError } from "./rule-error.ts";

export type LawId = "GDPR" | "RU_152_FZ" | "CCPA" | "SG_PDPA" | "PIPL" | "OTHER";

/**
 * Days are counted in one fixed zone per jurisdiction: the seat of its government. A country spanning several
 * zones (Russia, Portugal's Azores, Spain's Canaries) is still counted in its capital's zone, because the
 * regulator and the production calendar use that date, and one fixed zone keeps a deadline reproducible.
 */
const EEA_TIME_ZONES: Record<string, string> = {
  AT: "Europe/Vienna",
  BE: "Europe/Brussels",
  BG: "Europe/Sofia",
  CY: "Asia/Nicosia",
  CZ: "Europe/Prague",
  DE: "Europe/Berlin",
  DK: "Europe/Copenhagen",
  EE: "Europe/Tallinn",
  ES: "Europe/Madrid",
  FI: "Europe/Helsinki",
  FR: "Europe/Paris",
  GR: "Europe/Athens",
  HR: "Europe/Zagreb",
  HU: "Europe/Budapest",
  IE: "Europe/Dublin",
  IS: "Atlantic/Reykjavik",
  IT: "Europe/Rome",
  LI: "Europe/Vaduz",
  LT: "Europe/Vilnius",
  LU: "Europe/Luxembourg",
  LV: "Europe/Riga",
  MT: "Europe/Malta",
  NL: "Europe/Amsterdam",
  NO: "Europe/Oslo",
  PL: "Europe/Warsaw",
  PT: "Europe/Lisbon",
  RO: "Europe/Bucharest",
  SE: "Europe/Stockholm",
  SI: "Europe/Ljubljana",
  SK: "Europe/Bratislava",
};

export interface JurisdictionProfile {
  readonly jurisdiction: string;
  readonly law: LawId;
  readonly timeZone: string;
}

const JURISDICTION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** `otherTimeZone` is where days are counted for jurisdictions outside the table (company policy). */
export function jurisdictionProfile(jurisdiction: string, otherTimeZone: string): JurisdictionProfile {
  if (!JURISDICTION.test(jurisdiction)) {
    throw new RequestRuleError(
      "INVALID_JURISDICTION",
      `jurisdiction must be an ISO 3166 code such as DE, RU or US-CA, not "${jurisdiction}".`,
    );
  }
  const country = jurisdiction.slice(0, 2);
  const eeaZone = EEA_TIME_ZONES[country];
  if (eeaZone) return { jurisdiction, law: "GDPR", timeZone: eeaZone };
  if (country === "RU") return { jurisdiction, law: "RU_152_FZ", timeZone: "Europe/Moscow" };
  if (jurisdiction === "US-CA") return { jurisdiction, law: "CCPA", timeZone: "America/Los_Angeles" };
  if (country === "SG") return { jurisdiction, law: "SG_PDPA", timeZone: "Asia/Singapore" };
  if (country === "CN") return { jurisdiction, law: "PIPL", timeZone: "Asia/Shanghai" };
  return { jurisdiction, law: "OTHER", timeZone: otherTimeZone };
}
