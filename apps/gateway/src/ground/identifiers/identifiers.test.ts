import { describe, expect, it } from "vitest";
import { CustosError } from "../errors.ts";
import { parseJurisdiction } from "./jurisdiction.ts";
import { isVisitorId, mintVisitorId, parseCustomerId, parseSubjectId } from "./subject-id.ts";

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CustosError ? error.code : "not a CustosError";
  }
  return undefined;
}

describe("parseSubjectId", () => {
  it.each(["cust-42", "u_1", "shop:7f3a9c", "12345678", "A", "x".repeat(128)])("accepts %s", (id) => {
    expect(parseSubjectId(id)).toBe(id);
  });

  it.each(["", " cust-42", "-lead", "ivan@example.com", "+7 912 345-67-89", "a/b", "x".repeat(129), "имя"])("refuses %j", (id) => {
    expect(codeOf(() => parseSubjectId(id))).toBe("INVALID_SUBJECT_ID");
  });
});

describe("visitor ids", () => {
  it("mints ids the gateway tells apart from customers' and refuses visitor ids where a customer is needed", () => {
    const visitor = mintVisitorId();
    expect(parseSubjectId(visitor)).toBe(visitor);
    expect(isVisitorId(visitor)).toBe(true);
    expect(isVisitorId("cust-42")).toBe(false);
    expect(codeOf(() => parseCustomerId(visitor))).toBe("INVALID_SUBJECT_ID");
    expect(parseCustomerId("cust-42")).toBe("cust-42");
  });

  it.each(["visitor:short", "visitor:cust-42", `visitor:${"a".repeat(65)}`])("refuses the reserved prefix in %j", (id) => {
    expect(codeOf(() => parseSubjectId(id))).toBe("INVALID_SUBJECT_ID");
  });
});

describe("parseJurisdiction", () => {
  it.each([
    ["RU", "RU"],
    ["de", "DE"],
    ["US-CA", "US-CA"],
    [" cn ", "CN"],
  ])("reads %j as %s", (raw, code) => {
    expect(parseJurisdiction(raw)).toBe(code);
  });

  it.each(["", "RUS", "Russia", "US_CA", "U1"])("refuses %j", (raw) => {
    expect(codeOf(() => parseJurisdiction(raw))).toBe("INVALID_JURISDICTION");
  });
});
