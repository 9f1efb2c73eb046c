import { describe, expect, it } from "vitest";
import { EU_ADEQUACY } from "./eu-adequacy.ts";
import { TRANSFER_MECHANISMS, TRANSFER_RULES } from "./transfer-rules.ts";
import { type ProposedTransfer, validateTransfer } from "./validate-transfer.ts";

const startsAt = new Date("2026-12-01T00:00:00.000Z");

/** A PIPL-compliant transfer of Chinese shoppers' data to Singapore: the baseline each case changes. */
function transfer(overrides: Partial<ProposedTransfer>): ProposedTransfer {
  return {
    subjectJurisdictions: ["CN"],
    destinationCountry: "SG",
    mechanisms: ["PIPL_STANDARD_CONTRACT"],
    startsAt,
    separateConsentObtained: true,
    noticeGiven: true,
    ...overrides,
  };
}

const codes = (proposed: ProposedTransfer) => validateTransfer(proposed).violations.map(({ law, code }) => `${law}:${code}`);

describe("validateTransfer: PIPL", () => {
  it("accepts a transfer abroad under a CAC standard contract with separate consent and notice", () => {
    expect(validateTransfer(transfer({}))).toEqual({ ok: true, applicableLaws: ["PIPL"], violations: [] });
  });

  it.each(["PIPL_SECURITY_ASSESSMENT", "PIPL_CERTIFICATION", "PIPL_STANDARD_CONTRACT"])(
    "accepts %s as the Art. 38 condition",
    (mechanism) => {
      expect(validateTransfer(transfer({ mechanisms: [mechanism] })).ok).toBe(true);
    },
  );

  it("requires an Art. 38 mechanism, separate consent and notice", () => {
    const assessment = validateTransfer(transfer({ mechanisms: [], separateConsentObtained: false, noticeGiven: undefined }));
    expect(assessment.violations.map(({ code }) => code)).toEqual([
      "MECHANISM_REQUIRED",
      "SEPARATE_CONSENT_REQUIRED",
      "INDIVIDUAL_NOTICE_REQUIRED",
    ]);
    expect(assessment.violations.map(({ citation }) => citation?.article)).toEqual(["PIPL Art. 38", "PIPL Art. 39", "PIPL Art. 39"]);
  });

  it("treats Hong Kong as abroad", () => {
    expect(validateTransfer(transfer({ destinationCountry: "HK", mechanisms: [] })).applicableLaws).toEqual(["PIPL"]);
  });

  it("needs nothing for data staying in mainland China, and calls a PIPL mechanism there out of place", () => {
    expect(validateTransfer(transfer({ destinationCountry: "CN", mechanisms: [], separateConsentObtained: false }))).toEqual({
      ok: true,
      applicableLaws: [],
      violations: [],
    });
    expect(codes(transfer({ destinationCountry: "CN" }))).toEqual(["PIPL:MECHANISM_NOT_APPLICABLE"]);
  });
});

describe("validateTransfer: GDPR", () => {
  const european = { subjectJurisdictions: ["EU"] };

  it("accepts SCCs for a destination without an adequacy decision", () => {
    const proposed = transfer({ ...european, mechanisms: ["GDPR_STANDARD_CONTRACTUAL_CLAUSES", "PIPL_STANDARD_CONTRACT"] });
    expect(validateTransfer(proposed)).toEqual({ ok: true, applicableLaws: ["GDPR", "PIPL"], violations: [] });
  });

  it("accepts adequacy for a country with a decision", () => {
    const proposed = transfer({
      subjectJurisdictions: ["DE"],
      destinationCountry: "JP",
      mechanisms: ["GDPR_ADEQUACY", "PIPL_CERTIFICATION"],
    });
    expect(validateTransfer(proposed).ok).toBe(true);
  });

  it("refuses adequacy for a country without one", () => {
    expect(codes(transfer({ ...european, mechanisms: ["GDPR_ADEQUACY", "PIPL_STANDARD_CONTRACT"] }))).toEqual([
      "GDPR:MECHANISM_NOT_APPLICABLE",
    ]);
  });

  it("refuses adequacy for the United Kingdom once its renewed decision lapses", () => {
    const toBritain = { ...european, destinationCountry: "GB", mechanisms: ["GDPR_ADEQUACY", "PIPL_STANDARD_CONTRACT"] };
    expect(validateTransfer(transfer(toBritain)).ok).toBe(true);
    expect(codes(transfer({ ...toBritain, startsAt: new Date("2032-01-01T00:00:00.000Z") }))).toEqual(["GDPR:MECHANISM_NOT_APPLICABLE"]);
  });

  it("requires a Chapter V mechanism even towards an adequate country, so the register states its ground", () => {
    const proposed = transfer({ ...european, destinationCountry: "CH" });
    expect(validateTransfer(proposed).violations).toMatchObject([
      { law: "GDPR", code: "MECHANISM_REQUIRED", citation: { article: "GDPR Art. 44-46, 47, 49" } },
    ]);
  });

  it("needs no GDPR mechanism inside the EEA, and calls one there out of place", () => {
    const toIreland = transfer({ subjectJurisdictions: ["FR", "NO"], destinationCountry: "IE" });
    expect(validateTransfer(toIreland)).toEqual({ ok: true, applicableLaws: ["PIPL"], violations: [] });
    const withClauses = transfer({
      ...european,
      destinationCountry: "IE",
      mechanisms: ["GDPR_STANDARD_CONTRACTUAL_CLAUSES", "PIPL_STANDARD_CONTRACT"],
    });
    expect(codes(withClauses)).toEqual(["GDPR:MECHANISM_NOT_APPLICABLE"]);
  });
});

describe("validateTransfer: 152-FZ", () => {
  const russian = {
    subjectJurisdictions: ["RU"],
    mechanisms: ["RU_152FZ_PRIOR_NOTICE", "PIPL_STANDARD_CONTRACT"],
    regulatorNoticeRef: "RKN-2026-000123",
    regulatorNoticeAt: new Date("2026-11-01T00:00:00.000Z"),
  };

  it("accepts a transfer notified to Roskomnadzor before it starts", () => {
    expect(validateTransfer(transfer(russian))).toEqual({ ok: true, applicableLaws: ["PIPL", "RU_152FZ"], violations: [] });
  });

  it("requires the prior-notice mechanism, its reference and its date", () => {
    const unnotified = transfer({ ...russian, mechanisms: ["PIPL_STANDARD_CONTRACT"], regulatorNoticeRef: " ", regulatorNoticeAt: null });
    expect(codes(unnotified)).toEqual(["RU_152FZ:MECHANISM_REQUIRED", "RU_152FZ:NOTICE_REFERENCE_REQUIRED"]);
    expect(codes(transfer({ ...russian, regulatorNoticeAt: undefined }))).toEqual(["RU_152FZ:NOTICE_REFERENCE_REQUIRED"]);
  });

  it.each(["2026-12-01T00:00:00.000Z", "2026-12-02T00:00:00.000Z"])("refuses a notice filed at %s, not before the start", (filed) => {
    const assessment = validateTransfer(transfer({ ...russian, regulatorNoticeAt: new Date(filed) }));
    expect(assessment.violations).toMatchObject([
      { law: "RU_152FZ", code: "NOTICE_AFTER_START", citation: { url: expect.stringContaining("statja-12") } },
    ]);
  });

  it("needs no notice for data staying in Russia", () => {
    const inRussia = transfer({ subjectJurisdictions: ["RU"], destinationCountry: "RU" });
    expect(validateTransfer(inRussia)).toEqual({ ok: true, applicableLaws: ["PIPL"], violations: [] });
  });
});

describe("validateTransfer: several laws and bad input", () => {
  it("collects every law's violations for EU, Russian and Chinese subjects at once", () => {
    expect(codes(transfer({ subjectJurisdictions: ["EU", "RU", "CN"], mechanisms: [], separateConsentObtained: false }))).toEqual([
      "GDPR:MECHANISM_REQUIRED",
      "PIPL:MECHANISM_REQUIRED",
      "RU_152FZ:MECHANISM_REQUIRED",
      "PIPL:SEPARATE_CONSENT_REQUIRED",
      "RU_152FZ:NOTICE_REFERENCE_REQUIRED",
    ]);
  });

  it("reads lower case and subdivisions", () => {
    expect(
      validateTransfer(transfer({ subjectJurisdictions: ["de-by", "us-ca"], destinationCountry: " sg ", mechanisms: [] })).applicableLaws,
    ).toEqual(["GDPR", "PIPL"]);
  });

  it.each(["SGP", "XX", "", "Singapore"])("refuses destination %j", (destinationCountry) => {
    expect(codes(transfer({ destinationCountry }))).toEqual(["null:INVALID_COUNTRY"]);
  });

  it("refuses unknown jurisdictions and mechanisms", () => {
    expect(codes(transfer({ subjectJurisdictions: ["Europe", "ZZ"], mechanisms: ["SCC", "PIPL_STANDARD_CONTRACT"] }))).toEqual([
      "null:INVALID_JURISDICTION",
      "null:INVALID_JURISDICTION",
      "null:UNKNOWN_MECHANISM",
    ]);
  });
});

describe("the rule table", () => {
  it("cites an article and a URL for every law and assigns every mechanism to exactly one law", () => {
    const rules = Object.values(TRANSFER_RULES);
    for (const rule of rules) expect(rule.mechanismCitation.url).toMatch(/^https:\/\//);
    expect(rules.flatMap((rule) => rule.mechanisms).sort()).toEqual([...TRANSFER_MECHANISMS].sort());
  });

  it("dates the adequacy list and names its source", () => {
    expect(EU_ADEQUACY.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(EU_ADEQUACY.source).toMatch(/^https:\/\/commission\.europa\.eu\//);
  });
});
