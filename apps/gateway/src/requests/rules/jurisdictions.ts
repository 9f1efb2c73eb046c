import { isJurisdiction } from "../../ground/identifiers/jurisdiction.ts";
import { type LawId, lawFor } from "../../laws/registry.ts";
import { RequestRuleError } from "./rule-error.ts";

export interface JurisdictionProfile {
  readonly jurisdiction: string;
  readonly law: LawId;
  readonly timeZone: string;
}

/** `otherTimeZone` is where days are counted for jurisdictions no law's table lists (company policy). */
export function jurisdictionProfile(jurisdiction: string, otherTimeZone: string): JurisdictionProfile {
  if (!isJurisdiction(jurisdiction)) {
    throw new RequestRuleError(
      "INVALID_JURISDICTION",
      `jurisdiction must be an ISO 3166 code such as DE, RU or US-CA, not "${jurisdiction}".`,
    );
  }
  const law = lawFor(jurisdiction);
  const timeZone = law.timeZones[jurisdiction] ?? law.timeZones[jurisdiction.slice(0, 2)] ?? otherTimeZone;
  return { jurisdiction, law: law.id, timeZone };
}
