// Issue 29: TCF v2.2 and GPP strings are understood, not just stored. Every string here is made by the IAB's own
// libraries (test/samples/iab-strings.ts); one gateway for the file, each case on subjects of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../../test/harness.ts";
import { ACCEPT_ALL_TC, gppString, invalidStrings, REJECT_ALL_TC, tcString } from "../../../test/samples/iab-strings.ts";

const RECORD = `mutation ($input: RecordConsentInput!) {
  recordConsent(input: $input) { id decision gpc occurredAt iabSignals }
}`;
const COOKIES = `mutation ($input: RecordCookieConsentInput!) { recordCookieConsent(input: $input) { id } }`;
const GPC = `mutation ($input: ReportGpcInput!) { reportGpc(input: $input) { kind key recorded reason } }`;
const STATE = `query ($subjectId: String!) {
  consentState(subjectId: $subjectId) { purposes { purpose { key } status channel } cookieCategories { category { key } status channel } }
}`;
const PERMISSION = `query ($subjectId: String!, $vendorId: Int!, $purpose: Int!, $at: DateTime) {
  tcfPermission(subjectId: $subjectId, vendorId: $vendorId, purpose: $purpose, at: $at) { allowed reason tcStringRecordedAt }
}`;

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.[0]?.extensions?.code;

describe("IAB TCF and GPP strings with consent decisions", () => {
  let gateway: TestGateway;
  const events = () => gateway.database.prisma.consentEvent.count();
  const record = (subjectId: string, fields: Record<string, unknown>) =>
    gateway.asStaff(RECORD, { input: { subjectId, purpose: "marketing", decision: "GRANTED", channel: "BANNER", ...fields } });
  const permission = async (subjectId: string, vendorId: number, purpose: number, at?: string) =>
    (await gateway.asStaff(PERMISSION, { subjectId, vendorId, purpose, at })).data?.tcfPermission;

  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it("refuses each invalid string with a stable code, on every write, before anything is written", async () => {
    const { tc, gpp } = invalidStrings();
    const before = await events();
    const refusals: Record<string, (string | undefined)[]> = {};
    for (const [name, value] of Object.entries(tc)) {
      refusals[`tc: ${name}`] = [
        codeOf(await record("cust-invalid", { tcString: value })),
        codeOf(
          await gateway.asStaff(COOKIES, {
            input: {
              subjectId: "cust-invalid",
              channel: "BANNER",
              choices: [{ category: "analytics", decision: "WITHDRAWN" }],
              tcString: value,
            },
          }),
        ),
      ];
    }
    for (const [name, value] of Object.entries(gpp)) {
      refusals[`gpp: ${name}`] = [
        codeOf(await record("cust-invalid", { gppString: value })),
        codeOf(await gateway.asStaff(GPC, { input: { subjectId: "cust-invalid", gpc: true, gppString: value } })),
      ];
    }
    expect(refusals).toEqual({
      ...Object.fromEntries(Object.keys(tc).map((name) => [`tc: ${name}`, ["INVALID_TC_STRING", "INVALID_TC_STRING"]])),
      ...Object.fromEntries(Object.keys(gpp).map((name) => [`gpp: ${name}`, ["INVALID_GPP_STRING", "INVALID_GPP_STRING"]])),
    });
    expect(Object.keys(refusals)).toHaveLength(10);
    expect(await events()).toBe(before);
  });

  it("decodes a valid TC string and keeps it with the event; the ledger answers which vendor may use which purpose", async () => {
    const consent = tcString({
      purposes: [1, 3, 4],
      vendors: [755],
      legitimateInterestPurposes: [8, 9],
      legitimateInterestVendors: [42],
      specialFeatures: [1],
    });
    const beforeTheString = new Date().toISOString();
    const granted = await record("cust-tcf", { tcString: consent });
    expect(granted.errors).toBeUndefined();
    expect(granted.data?.recordConsent).toMatchObject({
      iabSignals: {
        tcf: {
          cmpId: 300,
          policyVersion: 5,
          purposeConsents: [1, 3, 4],
          vendorConsents: [755],
          purposeLegitimateInterests: [8, 9],
          vendorLegitimateInterests: [42],
          specialFeatureOptins: [1],
        },
        gpp: null,
      },
    });

    expect(await permission("cust-tcf", 755, 1)).toMatchObject({ allowed: true, reason: "CONSENT" });
    expect(await permission("cust-tcf", 42, 1)).toMatchObject({ allowed: false, reason: "VENDOR_NOT_ALLOWED" });
    expect(await permission("cust-tcf", 755, 2)).toMatchObject({ allowed: false, reason: "PURPOSE_NOT_ALLOWED" });
    expect(await permission("cust-tcf", 42, 9)).toMatchObject({ allowed: true, reason: "LEGITIMATE_INTEREST" });
    expect(await permission("cust-tcf", 755, 1, beforeTheString)).toMatchObject({ allowed: false, reason: "NO_TC_STRING" });
    expect(await permission("cust-nobody", 755, 1)).toMatchObject({ allowed: false, reason: "NO_TC_STRING" });

    // A later "no" in the ledger, without a string, ends what the string allowed for advertising's purposes (3, 4).
    const afterTheGrant = new Date().toISOString();
    await record("cust-tcf", { purpose: "marketing", decision: "WITHDRAWN", channel: "PREFERENCE_CENTRE" });
    expect(await permission("cust-tcf", 755, 3)).toMatchObject({ allowed: false, reason: "WITHDRAWN_SINCE" });
    expect(await permission("cust-tcf", 755, 3, afterTheGrant)).toMatchObject({ allowed: true, reason: "CONSENT" });
    expect(await permission("cust-tcf", 755, 1)).toMatchObject({ allowed: true, reason: "CONSENT" });
  });

  it("refuses a grant the TC string contradicts, and records a withdrawal whatever the string says", async () => {
    const before = await events();
    const contradicted = await record("cust-contradiction", { tcString: REJECT_ALL_TC() });
    expect(codeOf(contradicted)).toBe("TC_STRING_CONTRADICTS_DECISION");
    const cookies = await gateway.asStaff(COOKIES, {
      input: {
        subjectId: "cust-contradiction",
        channel: "BANNER",
        choices: [
          { category: "functional", decision: "GRANTED" },
          { category: "advertising", decision: "GRANTED" },
        ],
        tcString: REJECT_ALL_TC(),
      },
    });
    expect(codeOf(cookies)).toBe("TC_STRING_CONTRADICTS_DECISION");
    expect(await events()).toBe(before);

    const withdrawn = await record("cust-contradiction", { decision: "WITHDRAWN", tcString: ACCEPT_ALL_TC() });
    expect(withdrawn.data?.recordConsent).toMatchObject({ decision: "WITHDRAWN" });
    const agreeing = await record("cust-agreeing", { tcString: ACCEPT_ALL_TC() });
    expect(agreeing.data?.recordConsent).toMatchObject({ decision: "GRANTED" });
  });

  it("keeps GPP sections decoded, and applies a sale, sharing or targeted-advertising opt-out as GPC", async () => {
    const usnat = gppString({
      usnat: { SaleOptOutNotice: 1, SaleOptOut: 2, TargetedAdvertisingOptOutNotice: 1, TargetedAdvertisingOptOut: 1 },
    });
    const usca = gppString({ usca: { SaleOptOutNotice: 1, SaleOptOut: 1 } });
    const tcfeuv2 = gppString({ tcfeuv2: { CmpId: 300, PurposeConsents: [true, true] } });
    const quiet = gppString({ usca: { SaleOptOutNotice: 1, SaleOptOut: 2, SharingOptOutNotice: 1, SharingOptOut: 2 } });

    const eu = await record("cust-gpp-eu", { gppString: tcfeuv2 });
    expect(eu.data?.recordConsent).toMatchObject({
      iabSignals: {
        tcf: null,
        gpp: {
          sectionIds: [2],
          sections: { tcfeuv2: { CmpId: 300 } },
          optOuts: { sale: false, sharing: false, targetedAdvertising: false },
        },
      },
    });
    // A decision sent with a US opt-out is recorded as made with the signal on.
    const national = await record("cust-gpp-us", { decision: "WITHDRAWN", gppString: usnat });
    expect(national.data?.recordConsent).toMatchObject({
      gpc: true,
      iabSignals: { gpp: { sectionIds: [7], optOuts: { sale: false, targetedAdvertising: true } } },
    });

    // Regression: a usca sale opt-out sent to reportGpc (with the browser's GPC off) left advertising GRANTED.
    await gateway.asStaff(COOKIES, {
      input: { subjectId: "cust-gpp-ca", channel: "BANNER", choices: [{ category: "advertising", decision: "GRANTED" }], gpc: false },
    });
    const report = await gateway.asStaff(GPC, { input: { subjectId: "cust-gpp-ca", gpc: false, gppString: usca, jurisdiction: "US-CA" } });
    expect(report.errors).toBeUndefined();
    const state = (await gateway.asStaff(STATE, { subjectId: "cust-gpp-ca" })).data?.consentState as
      | { cookieCategories: { category: { key: string }; status: string; channel: string | null }[] }
      | undefined;
    expect(state?.cookieCategories.find(({ category }) => category.key === "advertising")).toMatchObject({
      status: "WITHDRAWN",
      channel: "GPC_SIGNAL",
    });
    // No opt-out in the string: nothing recorded, as for a GPC signal that is off.
    const calm = await gateway.asStaff(GPC, { input: { subjectId: "cust-gpp-quiet", gpc: false, gppString: quiet } });
    expect(calm.data?.reportGpc).toEqual(expect.arrayContaining([expect.objectContaining({ recorded: false })]));
    expect((calm.data?.reportGpc as { recorded: boolean }[] | undefined)?.some(({ recorded }) => recorded)).toBe(false);
  });
});
