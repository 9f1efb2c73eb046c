import { describe, expect, it } from "vitest";
import {
  consentEventsToCsv,
  consentEventsToJsonArray,
  consentEventsToJsonLines,
  EXPORT_COLUMNS,
  type ExportableConsentEvent,
} from "./export.ts";
import { type ChainedConsentEvent, chainEvent, GENESIS, verifyChain } from "./hash-chain.ts";

const event: ExportableConsentEvent = {
  id: "00000000-0000-4000-8000-000000000001",
  tenantId: "7d0c8e9a-1f3b-4c55-9a3e-2b6f0d4c1a10",
  subjectId: "5b1f7c1e-8d2a-4f0e-b7a4-3c9d2e6f8a01",
  purposeId: "c3a1e6d2-4b7f-4e1a-9c8d-0f2b5a6e7d11",
  decision: "GRANTED",
  channel: "BANNER",
  jurisdiction: "RU",
  occurredAt: new Date("2025-01-01T12:00:00Z"),
  expiresAt: new Date("2026-01-01T12:00:00Z"),
  gpc: false,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) "Quoted", with comma',
  pageUrl: "https://shop.example/каталог\nsecond line",
};

function csvLines(csv: string): string[] {
  return csv.split("\r\n");
}

describe("consentEventsToCsv", () => {
  it("writes a header row in the stable column order and CRLF line ends", () => {
    const lines = csvLines(consentEventsToCsv([event]));
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(","));
    expect(lines.at(-1)).toBe("");
  });

  it("writes ISO dates, empty cells for nulls and RFC 4180 quoting", () => {
    const csv = consentEventsToCsv([event]);
    expect(csv).toContain(
      ",00000000-0000-4000-8000-000000000001,7d0c8e9a-1f3b-4c55-9a3e-2b6f0d4c1a10,5b1f7c1e-8d2a-4f0e-b7a4-3c9d2e6f8a01," +
        "c3a1e6d2-4b7f-4e1a-9c8d-0f2b5a6e7d11,,GRANTED,BANNER,,RU,2025-01-01T12:00:00.000Z,2026-01-01T12:00:00.000Z,,false,,,",
    );
    expect(csv).toContain('"Mozilla/5.0 (X11; Linux x86_64) ""Quoted"", with comma"');
    expect(csv).toContain('"https://shop.example/каталог\nsecond line"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    const hostile = {
      ...event,
      userAgent: '=HYPERLINK("https://evil.example","x")',
      pageUrl: "@SUM(1+1)",
      tcString: "+1",
      gppString: "-2",
    };
    const csv = consentEventsToCsv([hostile]);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csv).toContain(",'+1,'-2,");
    expect(csv).toContain(",'@SUM(1+1),");
  });
});

describe("JSON exports", () => {
  const chained: ChainedConsentEvent = { ...event, ...chainEvent(event, GENESIS) };

  it("writes one object per line with every column, in JSON Lines", () => {
    const lines = consentEventsToJsonLines([chained, chained]).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    const first = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([...EXPORT_COLUMNS]);
    expect(first).toMatchObject({ sequence: 1, occurredAt: "2025-01-01T12:00:00.000Z", cookieCategoryId: null, gpc: false });
  });

  it("writes a JSON array that still verifies as a chain, unaltered by formula neutralising", () => {
    const hostile = { ...event, userAgent: "=cmd" };
    const hostileChained: ChainedConsentEvent = { ...hostile, ...chainEvent(hostile, GENESIS) };
    const parsed = JSON.parse(consentEventsToJsonArray([hostileChained])) as ChainedConsentEvent[];
    expect(parsed[0]?.userAgent).toBe("=cmd");
    expect(verifyChain(parsed)).toMatchObject({ ok: true, count: 1 });
  });
});
