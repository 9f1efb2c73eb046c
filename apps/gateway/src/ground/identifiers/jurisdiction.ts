import { CustosError } from "../errors.ts";

/** ISO 3166-1 alpha-2 country, optionally with an ISO 3166-2 subdivision: `RU`, `US-CA`. */
const JURISDICTION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** Whether `code` is already a normalised jurisdiction (upper case, no spaces). */
export function isJurisdiction(code: string): boolean {
  return JURISDICTION.test(code);
}

export function parseJurisdiction(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!isJurisdiction(code)) {
    throw new CustosError("INVALID_JURISDICTION", "jurisdiction must be an ISO 3166 code such as RU, DE or US-CA.");
  }
  return code;
}
