/**
 * IAB TCF v2.2 and GPP strings, understood with the IAB's own libraries (@iabtcf/core, @iabgpp/cmpapi): a string that
 * does not decode, or decodes to something no TCF v2.2 CMP writes, is refused with a stable code before anything is
 * written. A valid one is kept in the ledger as sent (its text is chained) and read back decoded from there, so the
 * ledger has one source of truth for what the CMP said.
 */
import { GppModel } from "@iabgpp/cmpapi";
import { TCString, type Vector } from "@iabtcf/core";
import { CustosError } from "../../ground/errors.ts";

export interface TcfSignals {
  cmpId: number;
  cmpVersion: number;
  /** The TCF policy version the string was made under: 4 or later is TCF v2.2. */
  policyVersion: number;
  vendorListVersion: number;
  created: string;
  lastUpdated: string;
  publisherCountryCode: string;
  purposeConsents: number[];
  purposeLegitimateInterests: number[];
  vendorConsents: number[];
  vendorLegitimateInterests: number[];
  specialFeatureOptins: number[];
}

export interface GppOptOuts {
  sale: boolean;
  sharing: boolean;
  targetedAdvertising: boolean;
}

export interface GppSignals {
  sectionIds: number[];
  /** Each section's fields by section name (usnat, usca, tcfeuv2…), as the GPP library reads them. */
  sections: Record<string, Record<string, unknown>>;
  /** Opted out of sale, sharing or targeted advertising in any US section (field value 1). */
  optOuts: GppOptOuts;
}

/** TCF v2.2 took effect with policy version 4; earlier strings may no longer be used. */
const TCF_V22_POLICY_VERSION = 4;

function ids(vector: Vector): number[] {
  const set: number[] = [];
  vector.forEach((has, id) => {
    if (has) set.push(id);
  });
  return set;
}

export function decodeTcString(tcString: string): TcfSignals {
  let model: ReturnType<typeof TCString.decode>;
  try {
    model = TCString.decode(tcString);
  } catch {
    throw new CustosError("INVALID_TC_STRING", "tcString is not a TCF v2 string the IAB's library can decode.");
  }
  const refuse = (why: string) => {
    throw new CustosError("INVALID_TC_STRING", `tcString ${why}.`);
  };
  if (model.version !== 2) refuse(`is TCF version ${model.version}; only version 2 is accepted`);
  const cmpId = Number(model.cmpId);
  if (!cmpId) refuse("names no CMP (its CMP id is 0)");
  if (Number(model.policyVersion ?? 0) < TCF_V22_POLICY_VERSION)
    refuse(`was made under TCF policy ${model.policyVersion}, before TCF v2.2`);
  if (!model.created || !model.lastUpdated) refuse("has no creation or update date");
  return {
    cmpId,
    cmpVersion: Number(model.cmpVersion),
    policyVersion: Number(model.policyVersion),
    vendorListVersion: Number(model.vendorListVersion),
    created: (model.created as Date).toISOString(),
    lastUpdated: (model.lastUpdated as Date).toISOString(),
    publisherCountryCode: model.publisherCountryCode,
    purposeConsents: ids(model.purposeConsents),
    purposeLegitimateInterests: ids(model.purposeLegitimateInterests),
    vendorConsents: ids(model.vendorConsents),
    vendorLegitimateInterests: ids(model.vendorLegitimateInterests),
    specialFeatureOptins: ids(model.specialFeatureOptins),
  };
}

/** GPP's US sections write 1 for "opted out", 2 for "did not opt out", 0 for "not applicable". */
const OPT_OUT_FIELDS: Record<keyof GppOptOuts, string> = {
  sale: "SaleOptOut",
  sharing: "SharingOptOut",
  targetedAdvertising: "TargetedAdvertisingOptOut",
};

export function decodeGppString(gppString: string): GppSignals {
  let sections: Record<string, Record<string, unknown>>;
  let sectionIds: number[];
  try {
    const model = new GppModel(gppString);
    // The library decodes sections lazily: reading them all is what proves each one decodes.
    sections = model.toObject() as Record<string, Record<string, unknown>>;
    sectionIds = model.getSectionIds();
  } catch {
    throw new CustosError("INVALID_GPP_STRING", "gppString is not a GPP string the IAB's library can decode.");
  }
  if (sectionIds.length === 0) throw new CustosError("INVALID_GPP_STRING", "gppString holds no section.");
  const optedOut = (field: string) => Object.entries(sections).some(([name, fields]) => name.startsWith("us") && fields[field] === 1);
  return {
    sectionIds,
    sections,
    optOuts: {
      sale: optedOut(OPT_OUT_FIELDS.sale),
      sharing: optedOut(OPT_OUT_FIELDS.sharing),
      targetedAdvertising: optedOut(OPT_OUT_FIELDS.targetedAdvertising),
    },
  };
}

/** Whether the GPP string opts the person out of sale, sharing or targeted advertising: applied as GPC is. */
export function gppOptsOut(signals: GppSignals | null): boolean {
  return signals !== null && (signals.optOuts.sale || signals.optOuts.sharing || signals.optOuts.targetedAdvertising);
}

/**
 * The TCF purposes that stand for a Custos purpose or cookie category when a TC string comes with a decision about it.
 * Advertising and marketing: personalised advertising profiles (3) and their use (4); analytics: measuring content
 * (8) and understanding audiences (9). Keys not listed are not compared with the string.
 */
export const TCF_PURPOSES_BY_KEY: Readonly<Record<string, readonly number[]>> = {
  advertising: [3, 4],
  marketing: [3, 4],
  analytics: [8, 9],
};

/**
 * A grant the TC string sent with it denies: the decision is GRANTED for a key whose TCF purposes the string gives no
 * consent for. Such a call is refused (TC_STRING_CONTRADICTS_DECISION): a grant needs evidence that agrees with it. A
 * withdrawal is never refused, whatever the string says: the person said no here, and a no always counts.
 */
export function contradictedGrant(key: string, decision: string, tcf: TcfSignals | null): boolean {
  const purposes = TCF_PURPOSES_BY_KEY[key];
  if (decision !== "GRANTED" || tcf === null || purposes === undefined) return false;
  return !purposes.some((purpose) => tcf.purposeConsents.includes(purpose));
}

export interface DecodedSignals {
  tcf: TcfSignals | null;
  gpp: GppSignals | null;
}

/** Both strings decoded (null when not sent), or the call refused before anything is written. */
export function decodeSignals(input: { tcString: string | null; gppString: string | null }): DecodedSignals {
  return {
    tcf: input.tcString ? decodeTcString(input.tcString) : null,
    gpp: input.gppString ? decodeGppString(input.gppString) : null,
  };
}
