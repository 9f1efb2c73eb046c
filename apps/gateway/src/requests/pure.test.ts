import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorityFor } from "./authorities.ts";
import { assembleExportPackage, exportProblem } from "./fulfilment/export-package.ts";
import { issueRequestToken, readRequestToken } from "./intake/request-tokens.ts";
import { codeMatches, issueCode } from "./intake/verification-code.ts";

const SECRET = "a-secret-that-is-long-enough-for-tests";
const ID = "0b9f3c52-5a4e-4b8e-9d7c-1f2e3d4c5b6a";

describe("request tokens", () => {
  it("name their request only for their own purpose, secret and lifetime", () => {
    const tracking = issueRequestToken(SECRET, "request-tracking", ID);
    expect(readRequestToken(SECRET, "request-tracking", tracking)).toBe(ID);
    expect(readRequestToken(SECRET, "request-export", tracking)).toBeNull();
    expect(readRequestToken(`${SECRET}x`, "request-tracking", tracking)).toBeNull();
    expect(readRequestToken(SECRET, "request-tracking", `${tracking.slice(0, -1)}${tracking.endsWith("A") ? "B" : "A"}`)).toBeNull();

    const expiresAt = new Date("2026-12-01T00:00:00Z");
    const link = issueRequestToken(SECRET, "request-export", ID, expiresAt);
    expect(readRequestToken(SECRET, "request-export", link, new Date("2026-11-30T23:59:59Z"))).toBe(ID);
    expect(readRequestToken(SECRET, "request-export", link, new Date("2026-12-01T00:00:01Z"))).toBeNull();
    // Moving the expiry breaks the signature.
    expect(
      readRequestToken(
        SECRET,
        "request-export",
        link.replace(/\.(\d+)\./, (_, at) => `.${Number(at) + 86_400}.`),
        expiresAt,
      ),
    ).toBeNull();
  });
});

describe("verification codes", () => {
  it("are six digits, kept only as a salted hash, and compared exactly", () => {
    const issued = issueCode();
    expect(issued.code).toMatch(/^\d{6}$/);
    expect(issued.codeHash).not.toContain(issued.code);
    expect(codeMatches(issued.code, issued.salt, issued.codeHash)).toBe(true);
    expect(codeMatches(` ${issued.code} `, issued.salt, issued.codeHash)).toBe(true);
    expect(codeMatches(issued.code, "other-salt", issued.codeHash)).toBe(false);
    expect(codeMatches(String((Number(issued.code) + 1) % 1_000_000).padStart(6, "0"), issued.salt, issued.codeHash)).toBe(false);
  });
});

describe("the export package", () => {
  it("holds JSON and CSV per system and category, listed in a manifest with row counts and hashes", () => {
    const generatedAt = new Date("2026-11-24T12:00:00Z");
    const bundle = assembleExportPackage(
      { id: ID, type: "PORTABILITY" },
      [
        {
          system: "orders app",
          categories: [{ category: "orders", columns: ["id", "total"], records: [{ total: 9.5, id: 1 }, { id: 2 }] }],
        },
        { system: "crm", categories: [{ category: "identity", records: [{ name: "=cmd", city: "Kazan\nTatarstan" }] }] },
      ],
      generatedAt,
    );
    expect(bundle.manifest).toMatchObject({
      format: "custos-subject-export/1",
      requestId: ID,
      systems: ["crm", "orders app"],
      generatedAt: generatedAt.toISOString(),
    });
    expect(bundle.files.map(({ path }) => path)).toEqual([
      "crm/identity.json",
      "crm/identity.csv",
      "orders_app/orders.json",
      "orders_app/orders.csv",
    ]);
    expect(bundle.files[3]?.content).toBe("id,total\r\n1,9.5\r\n2,\r\n");
    expect(JSON.parse(bundle.files[2]?.content ?? "")).toEqual([
      { id: 1, total: 9.5 },
      { id: 2, total: null },
    ]);
    expect(bundle.files[1]?.content).toBe('name,city\r\n\'=cmd,"Kazan\nTatarstan"\r\n');
    for (const [index, file] of bundle.files.entries()) {
      expect(bundle.manifest.files[index]?.sha256).toBe(createHash("sha256").update(file.content).digest("hex"));
    }
    expect(bundle.manifest.files.map(({ rows }) => rows)).toEqual([1, 1, 2, 2]);
  });

  it("accepts only categories of flat records", () => {
    expect(exportProblem([{ category: "orders", records: [{ id: 1, paid: true, note: null }] }])).toBeNull();
    expect(exportProblem({ category: "orders" })).toMatch(/list/);
    expect(exportProblem([{ records: [] }])).toMatch(/category/);
    expect(exportProblem([{ category: "orders", records: [[1]] }])).toMatch(/object/);
    expect(exportProblem([{ category: "orders", records: [{ items: [1, 2] }] }])).toMatch(/flatten/);
  });
});

describe("data-protection authorities", () => {
  it("answer for the jurisdiction, its country, or the EDPB list inside the EEA", () => {
    expect(authorityFor("RU")?.name).toMatch(/Roskomnadzor/);
    expect(authorityFor("US-CA")?.name).toMatch(/California Privacy Protection Agency/);
    expect(authorityFor("FR")?.name).toMatch(/CNIL/);
    expect(authorityFor("PT")?.jurisdiction).toBe("EEA");
    expect(authorityFor("GB")?.name).toMatch(/ICO/);
    expect(authorityFor("SG")?.name).toMatch(/PDPC/);
    expect(authorityFor("CN")?.name).toMatch(/Cyberspace Administration/);
    expect(authorityFor("US-TX")).toBeNull();
  });
});
