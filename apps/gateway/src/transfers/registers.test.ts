import { TEST_ENGINES } from "@custos/db/testing";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../test/harness.ts";
import { escapeHtml } from "../records/processing-record-html.ts";

const CREATE_PROCESSOR = `mutation ($input: CreateProcessorInput!) { createProcessor(input: $input) { id name } }`;
const RECORD_TRANSFER = `mutation ($input: RecordTransferInput!) {
  recordTransfer(input: $input) { id destinationCountry mechanisms processor { name } }
}`;

/** A lawful baseline: Chinese and German shoppers' data to Singapore under PIPL's standard contract and the EU's SCCs. */
function transfer(overrides: Record<string, unknown> = {}) {
  return {
    processor: "Lion City Cloud",
    purpose: "orders_and_trading",
    destinationCountry: "SG",
    dataCategories: ["identity", "orders"],
    subjectJurisdictions: ["CN", "DE"],
    mechanisms: ["PIPL_STANDARD_CONTRACT", "GDPR_STANDARD_CONTRACTUAL_CLAUSES"],
    separateConsentObtained: true,
    individualNoticeGiven: true,
    startsAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

describe.each(TEST_ENGINES)("the transfer, processor and disclosure registers on %s", (engine) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    for (const [name, country] of [
      ["Lion City Cloud", "SG"],
      ["Tokyo Mailer", "JP"],
    ]) {
      const created = await gateway.asStaff(CREATE_PROCESSOR, {
        input: { name, country, contactEmail: "dpo@example.test", purposes: ["orders_and_trading"], dataCategories: ["identity"] },
      });
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  it.each([
    ["PIPL without an Art. 38 mechanism", { mechanisms: ["GDPR_STANDARD_CONTRACTUAL_CLAUSES"] }, ["PIPL:MECHANISM_REQUIRED"]],
    ["PIPL without separate consent", { separateConsentObtained: false }, ["PIPL:SEPARATE_CONSENT_REQUIRED"]],
    ["PIPL without notice", { individualNoticeGiven: false }, ["PIPL:INDIVIDUAL_NOTICE_REQUIRED"]],
    ["GDPR without a Chapter V ground", { mechanisms: ["PIPL_STANDARD_CONTRACT"] }, ["GDPR:MECHANISM_REQUIRED"]],
    [
      "152-FZ without the prior notice",
      {
        subjectJurisdictions: ["CN", "DE", "RU"],
        mechanisms: ["PIPL_STANDARD_CONTRACT", "GDPR_STANDARD_CONTRACTUAL_CLAUSES", "RU_152FZ_PRIOR_NOTICE"],
      },
      ["RU_152FZ:NOTICE_REFERENCE_REQUIRED"],
    ],
    [
      "152-FZ with a notice filed after the start",
      {
        subjectJurisdictions: ["RU"],
        mechanisms: ["PIPL_STANDARD_CONTRACT", "RU_152FZ_PRIOR_NOTICE"],
        regulatorNoticeRef: "RKN-2026-0042",
        regulatorNoticeAt: "2026-02-01T00:00:00.000Z",
      },
      ["RU_152FZ:NOTICE_AFTER_START"],
    ],
    ["an unknown country", { destinationCountry: "XX" }, ["null:INVALID_COUNTRY"]],
  ])("refuses %s with TRANSFER_NOT_LAWFUL and the violations, cited, and records nothing", async (_case, overrides, expected) => {
    const recorded = () => gateway.database.prisma.transferRecord.count();
    const before = await recorded();
    const response = await gateway.asStaff(RECORD_TRANSFER, { input: transfer(overrides) });
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe("TRANSFER_NOT_LAWFUL");
    const violations = error?.extensions?.violations as { law: string | null; code: string; citation: { article: string } | null }[];
    expect(violations.map(({ law, code }) => `${law}:${code}`)).toEqual(expected);
    expect(violations.every((violation) => violation.citation?.article)).toBe(true);
    expect(await recorded()).toBe(before);
  });

  it("records lawful transfers, shows the storefront where data goes, and shows a partner only what names it", async () => {
    const lawful = await gateway.asStaff(RECORD_TRANSFER, { input: transfer() });
    expect(lawful.errors).toBeUndefined();
    const russian = await gateway.asStaff(RECORD_TRANSFER, {
      input: transfer({
        processor: "Tokyo Mailer",
        purpose: null,
        destinationCountry: "JP",
        subjectJurisdictions: ["RU"],
        mechanisms: ["PIPL_STANDARD_CONTRACT", "RU_152FZ_PRIOR_NOTICE"],
        regulatorNoticeRef: "RKN-2025-0001",
        regulatorNoticeAt: "2025-12-01T00:00:00.000Z",
      }),
    });
    expect(russian.errors).toBeUndefined();

    const shop = await gateway.execute("{ whereDoesMyDataGo { countryCode countryName recipients purposes } }");
    expect(shop.data?.whereDoesMyDataGo).toEqual([
      { countryCode: "JP", countryName: "Japan", recipients: ["Tokyo Mailer"], purposes: [] },
      { countryCode: "SG", countryName: "Singapore", recipients: ["Lion City Cloud"], purposes: ["Making requests and trading"] },
    ]);

    const partner = await gateway.issueKey({ kind: "PARTNER", name: "tokyo", processorName: "Tokyo Mailer" });
    const seen = await gateway.execute(
      "{ processors { edges { node { name } } } transfers { edges { node { destinationCountry processor { name } } } } }",
      {},
      { token: partner },
    );
    expect(seen.data).toEqual({
      processors: { edges: [{ node: { name: "Tokyo Mailer" } }] },
      transfers: { edges: [{ node: { destinationCountry: "JP", processor: { name: "Tokyo Mailer" } } }] },
    });
  });

  it("judges each recorded transfer again today, law by law, for the desk's register", async () => {
    const judged = await gateway.asStaff(
      "{ transfers { edges { node { destinationCountry assessment { ok applicableLaws findings { law code article } } } } } }",
    );
    expect(judged.data?.transfers).toEqual({
      edges: expect.arrayContaining([
        { node: { destinationCountry: "SG", assessment: { ok: true, applicableLaws: ["GDPR", "PIPL"], findings: [] } } },
        { node: { destinationCountry: "JP", assessment: { ok: true, applicableLaws: ["PIPL", "RU_152FZ"], findings: [] } } },
      ]),
    });
  });

  it("puts a disclosure the person was not told of on the staff queue once notice is allowed, and off it once told", async () => {
    const RECORD = `mutation ($input: RecordDisclosureInput!) { recordDisclosure(input: $input) { id noticeOwed } }`;
    const base = {
      subjectId: "cust-7",
      authority: "Shenzhen Intermediate People's Court",
      instrument: "COURT_ORDER",
      legalBasis: "Civil Procedure Law",
      dataDisclosed: "identity, orders",
      disclosedAt: "2026-03-01T00:00:00.000Z",
      subjectNotified: false,
    };
    const missingReason = await gateway.asStaff(RECORD, { input: base });
    expect(missingReason.errors?.[0]?.extensions?.code).toBe("DISCLOSURE_REASON_REQUIRED");
    const gagged = await gateway.asStaff(RECORD, {
      input: { ...base, notNotifiedReason: "non-disclosure order", noticeAllowedAfter: "2099-01-01T00:00:00.000Z" },
    });
    const due = await gateway.asStaff(RECORD, {
      input: { ...base, notNotifiedReason: "non-disclosure order", noticeAllowedAfter: "2026-04-01T00:00:00.000Z" },
    });
    await gateway.asStaff(RECORD, { input: { ...base, subjectNotified: true } });
    expect(gagged.data?.recordDisclosure).toMatchObject({ noticeOwed: false });
    const dueId = (due.data as { recordDisclosure: { id: string } }).recordDisclosure.id;

    const QUEUE = "{ disclosures(noticeOwed: true) { edges { node { id subjectId } } } }";
    expect((await gateway.asStaff(QUEUE)).data).toEqual({ disclosures: { edges: [{ node: { id: dueId, subjectId: "cust-7" } }] } });
    const told = await gateway.asStaff("mutation ($id: ID!) { recordDisclosureNotice(id: $id) { noticeOwed } }", { id: dueId });
    expect(told.data).toEqual({ recordDisclosureNotice: { noticeOwed: false } });
    expect((await gateway.asStaff(QUEUE)).data).toEqual({ disclosures: { edges: [] } });
  });

  it("builds the Art. 30 record with every purpose in JSON, CSV and HTML", async () => {
    const purposes = (await gateway.database.prisma.purpose.findMany({ where: { tenantId: gateway.tenantId } })).map(
      (purpose) => purpose.name,
    );
    expect(purposes.length).toBeGreaterThan(0);
    const auditor = await gateway.issueKey({ kind: "AUDITOR", name: "art30" });
    const forms: Record<string, string> = {};
    for (const format of ["JSON", "CSV", "HTML"]) {
      const response = await gateway.execute(
        "query ($format: ProcessingRecordFormat!) { recordsOfProcessing(format: $format) }",
        { format },
        { token: auditor },
      );
      expect(response.errors).toBeUndefined();
      forms[format] = response.data?.recordsOfProcessing as string;
    }
    const record = JSON.parse(forms.JSON as string) as {
      purposes: { name: string }[];
      recipients: { name: string }[];
      transfers: unknown[];
    };
    expect(record.purposes.map((purpose) => purpose.name).sort()).toEqual([...purposes].sort());
    expect(record.recipients.map((recipient) => recipient.name)).toEqual(["Lion City Cloud", "Tokyo Mailer"]);
    const csvPurposes = new Set((parse(forms.CSV as string, { columns: true }) as { purpose: string }[]).map((row) => row.purpose));
    for (const purpose of purposes) {
      expect(csvPurposes.has(purpose), purpose).toBe(true);
      expect(forms.HTML, purpose).toContain(escapeHtml(purpose));
    }
  });

  it("exports the audit log for auditors, filtered, as CSV and JSON, and records the export", async () => {
    const auditor = await gateway.issueKey({ kind: "AUDITOR", name: "export" });
    const query = 'query ($format: AuditExportFormat!) { auditLogExport(filter: { operation: "recordDisclosure" }, format: $format) }';
    const csv = await gateway.execute(query, { format: "CSV" }, { token: auditor });
    const rows = parse(csv.data?.auditLogExport as string, { columns: true }) as { operation: string; subject_id: string; actor: string }[];
    expect(rows.length).toBe(3);
    expect(rows.every((row) => row.operation === "recordDisclosure" && row.subject_id === "cust-7" && row.actor.startsWith("staff:"))).toBe(
      true,
    );
    const json = await gateway.execute(query, { format: "JSON" }, { token: auditor });
    expect(JSON.parse(json.data?.auditLogExport as string)).toHaveLength(3);
    expect(await gateway.database.prisma.auditLogEntry.count({ where: { operation: "auditLogExport", requestId: json.requestId } })).toBe(
      1,
    );
  });
});
