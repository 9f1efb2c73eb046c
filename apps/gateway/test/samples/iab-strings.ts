// TC and GPP strings for tests, made with the IAB's own libraries (@iabtcf/core, @iabgpp/cmpapi), valid and not.
import { GppModel } from "@iabgpp/cmpapi";
import { GVL, TCModel, TCString } from "@iabtcf/core";

const named = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [index + 1, { id: index + 1, name: `${index + 1}`, description: "" }]));
const vendor = (id: number) => ({
  id,
  name: `vendor ${id}`,
  purposes: [1, 2, 3, 4, 7],
  legIntPurposes: [8, 9],
  flexiblePurposes: [],
  specialPurposes: [],
  features: [],
  specialFeatures: [1],
  usesCookies: true,
  cookieMaxAgeSeconds: 0,
  cookieRefresh: false,
  usesNonCookieAccess: false,
  urls: [],
  dataRetention: {},
  dataDeclaration: [],
});

/** A Global Vendor List of two vendors (755 and 42), as a CMP loads it; TCF policy 5 is TCF v2.2. */
function vendorList(tcfPolicyVersion: number) {
  return new GVL({
    gvlSpecificationVersion: 3,
    vendorListVersion: 80,
    tcfPolicyVersion,
    lastUpdated: "2026-11-01T00:00:00Z",
    purposes: named(11),
    specialPurposes: named(3),
    features: named(3),
    specialFeatures: named(2),
    stacks: {},
    dataCategories: {},
    vendors: { 42: vendor(42), 755: vendor(755) },
  } as never);
}

export interface TcChoice {
  purposes?: number[];
  vendors?: number[];
  legitimateInterestPurposes?: number[];
  legitimateInterestVendors?: number[];
  specialFeatures?: number[];
  tcfPolicyVersion?: number;
}

/** A TC string as a CMP encodes it with @iabtcf/core. */
export function tcString(choice: TcChoice = {}): string {
  const model = new TCModel(vendorList(choice.tcfPolicyVersion ?? 5));
  model.cmpId = 300;
  model.cmpVersion = 2;
  model.publisherCountryCode = "DE";
  model.isServiceSpecific = true;
  model.purposeConsents.set(choice.purposes ?? []);
  model.vendorConsents.set(choice.vendors ?? []);
  model.purposeLegitimateInterests.set(choice.legitimateInterestPurposes ?? []);
  model.vendorLegitimateInterests.set(choice.legitimateInterestVendors ?? []);
  model.specialFeatureOptins.set(choice.specialFeatures ?? []);
  return TCString.encode(model);
}

/** Everything consented, for both vendors. */
export const ACCEPT_ALL_TC = () => tcString({ purposes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], vendors: [42, 755], specialFeatures: [1, 2] });
/** Nothing consented, no legitimate interest. */
export const REJECT_ALL_TC = () => tcString();

/** A GPP string with the given sections' fields, as a CMP encodes it with @iabgpp/cmpapi. */
export function gppString(sections: Record<string, Record<string, unknown>>): string {
  const model = new GppModel();
  for (const [section, fields] of Object.entries(sections)) {
    for (const [field, value] of Object.entries(fields)) model.setFieldValue(section, field, value);
  }
  return model.encode();
}

/** Strings that are not valid, each the way it goes wrong in the wild. */
export function invalidStrings() {
  const valid = ACCEPT_ALL_TC();
  const gpp = gppString({ usca: { SaleOptOutNotice: 1, SaleOptOut: 1 } });
  // The first six bits are the version: "C" is 2, "D" is 3.
  const version3 = `D${valid.slice(1)}`;
  return {
    tc: {
      truncated: valid.slice(0, 12),
      "bad base64url": `${valid.slice(0, 10)}!*${valid.slice(12)}`,
      // The library will not encode CMP id 0; its 12 bits (78 to 89) are exactly characters 13 and 14.
      "CMP id 0": `${valid.slice(0, 13)}AA${valid.slice(15)}`,
      // The TCF v1.1 example string of the IAB's specification (v1 libraries are retired).
      "a v1 string": "BOEFEAyOEFEAyAHABDENAI4AAAAB9vABAASA",
      "version 3": version3,
      "policy before v2.2": tcString({ tcfPolicyVersion: 2, purposes: [1], vendors: [755] }),
      "hello world": "hello world",
    },
    gpp: {
      "a header whose section is missing": `${gpp.split("~")[0]}~`,
      "hello world": "hello world",
      "a truncated section": gpp.slice(0, gpp.indexOf("~") + 2),
    },
  };
}
