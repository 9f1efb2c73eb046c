import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "../ground/exports/csv.ts";
import { buildProcessingRecord, type ProcessingRecordInput } from "./processing-record.ts";
import { processingRecordToCsv } from "./processing-record-csv.ts";
import { escapeHtml, processingRecordToHtml } from "./processing-record-html.ts";

const input: ProcessingRecordInput = {
  controller: {
    name: "Shenzhen Example Trading Co., Ltd.",
    email: "privacy@example.cn",
    address: "1 Keyuan Road, Nanshan, Shenzhen, China",
    representative: { name: "Example EU Rep GmbH", email: "rep@example.eu", address: "Berlin, Germany" },
  },
  purposes: [
    { name: "Making requests and trading", legalBasis: "CONTRACT", dataCategories: ["Contact details", "Business licence"] },
    { name: "Risk and fraud prevention", legalBasis: "LEGITIMATE_INTEREST", dataCategories: ["Contact details"] },
    { name: 'Marketing, advertising & "communications"', legalBasis: "CONSENT", dataCategories: ["Contact details"] },
    { name: '=HYPERLINK("http://evil")', legalBasis: "CONSENT", dataCategories: [] },
  ],
  dataSubjectCategories: ["Customers", "Site visitors", "People who contact the company"],
  recipients: [
    { name: "Lion City Cloud", country: "SG", purposes: ["Making requests and trading", "Risk and fraud prevention"] },
    { name: "Tokyo Mailer", country: "JP", purposes: ['Marketing, advertising & "communications"'] },
  ],
  transfers: [
    {
      country: "SG",
      recipient: "Lion City Cloud",
      mechanisms: ["PIPL_STANDARD_CONTRACT", "GDPR_STANDARD_CONTRACTUAL_CLAUSES"],
      safeguards: "encryption at rest",
      purpose: null,
      dataCategories: ["Contact details", "Business licence"],
    },
    {
      country: "JP",
      recipient: "Tokyo Mailer",
      mechanisms: ["GDPR_ADEQUACY", "PIPL_STANDARD_CONTRACT"],
      safeguards: null,
      purpose: 'Marketing, advertising & "communications"',
      dataCategories: ["Contact details"],
    },
  ],
  retention: [
    { dataCategory: "Contact details", periodMonths: 36, trigger: "LAST_ACTIVITY", action: "DELETE" },
    { dataCategory: "Business licence", periodMonths: 60, trigger: "CONTRACT_END", action: "ANONYMISE" },
  ],
  securityMeasures: "TLS in transit; access logged; independent audits. No method is 100% secure.",
  generatedAt: new Date("2026-11-24T12:00:00.000Z"),
};

const record = buildProcessingRecord(input);

describe("buildProcessingRecord", () => {
  it("fills every point of Art. 30(1)", () => {
    expect(record.controller.representative?.name).toBe("Example EU Rep GmbH");
    expect(record.purposes.map((purpose) => purpose.name)).toEqual(input.purposes.map((purpose) => purpose.name));
    expect(record.categories).toEqual({
      dataSubjects: ["Customers", "People who contact the company", "Site visitors"],
      personalData: ["Business licence", "Contact details"],
    });
    expect(record.recipients.map(({ name, countryName }) => `${name} (${countryName})`)).toEqual([
      "Lion City Cloud (Singapore)",
      "Tokyo Mailer (Japan)",
    ]);
    expect(record.transfers.map((transfer) => transfer.country)).toEqual(["JP", "SG"]);
    expect(record.erasureTimeLimits.map((limit) => limit.description)).toEqual([
      "60 months after the contract ends, then anonymised",
      "36 months after the last activity, then deleted",
    ]);
    expect(record.securityMeasures).toContain("No method is 100% secure");
  });
});

function parseCsv(csv: string): string[][] {
  return parse(csv, { relax_column_count: true });
}

describe("processingRecordToCsv", () => {
  const [header = [], ...rows] = parseCsv(processingRecordToCsv(record));
  const column = (name: string) => header.indexOf(name);

  it("has stable columns and one row per purpose and data category", () => {
    // The columns are the Art. 30(1) headings auditors' spreadsheets are built on: pinned here, not read from the code.
    expect(header).toEqual([
      "controller",
      "purpose",
      "legal_basis",
      "data_category",
      "data_subject_categories",
      "recipients",
      "third_country_transfers",
      "erasure_time_limit",
      "security_measures",
    ]);
    expect(rows.map((row) => [row[column("purpose")], row[column("data_category")]])).toEqual([
      ["Making requests and trading", "Contact details"],
      ["Making requests and trading", "Business licence"],
      ["Risk and fraud prevention", "Contact details"],
      ['Marketing, advertising & "communications"', "Contact details"],
      ['\'=HYPERLINK("http://evil")', ""],
    ]);
  });

  it("lists, per row, the recipients of the purpose, the transfers of the category and its time limit", () => {
    const marketing = rows[3] ?? [];
    expect(marketing[column("recipients")]).toBe("Tokyo Mailer (JP)");
    expect(marketing[column("third_country_transfers")]).toBe(
      "Japan (JP): Tokyo Mailer [GDPR_ADEQUACY, PIPL_STANDARD_CONTRACT]; Singapore (SG): Lion City Cloud [PIPL_STANDARD_CONTRACT, GDPR_STANDARD_CONTRACTUAL_CLAUSES; safeguards: encryption at rest]",
    );
    expect(marketing[column("erasure_time_limit")]).toBe("36 months after the last activity, then deleted");
    const trading = rows[1] ?? [];
    expect(trading[column("third_country_transfers")]).toBe(
      "Singapore (SG): Lion City Cloud [PIPL_STANDARD_CONTRACT, GDPR_STANDARD_CONTRACTUAL_CLAUSES; safeguards: encryption at rest]",
    );
  });
});

describe("processingRecordToHtml", () => {
  const page = processingRecordToHtml(record);

  it("is a standalone page with print styles and no external assets", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain("@media print");
    expect(page).not.toMatch(/<script|<link|<img|src=|href=|url\(|@import/);
  });

  it("has a section for each point (a) to (g)", () => {
    for (const point of ["a", "b", "c", "d", "e", "f", "g"]) expect(page).toContain(`<h2>(${point})`);
  });

  it("escapes every value", () => {
    const hostile = buildProcessingRecord({
      ...input,
      controller: { ...input.controller, name: "<script>alert(1)</script>" },
      securityMeasures: `"quoted" & 'single'`,
    });
    const hostilePage = processingRecordToHtml(hostile);
    expect(hostilePage).not.toContain("<script>");
    expect(hostilePage).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(hostilePage).toContain("&quot;quoted&quot; &amp; &#39;single&#39;");
  });
});

describe("every purpose appears in all three forms", () => {
  const csv = parseCsv(processingRecordToCsv(record)).flat();
  const page = processingRecordToHtml(record);

  it.each(input.purposes.map((purpose) => purpose.name))("%s", (name) => {
    expect(record.purposes.some((purpose) => purpose.name === name)).toBe(true);
    expect(csv).toContain(neutraliseFormula(name));
    expect(page).toContain(escapeHtml(name));
  });
});
