import { describe, expect, it } from "vitest";
import { CustosError } from "../errors.ts";
import { parseJurisdiction } from "./jurisdiction.ts";
import { parseSubjectId } from "./subject-id.ts";

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
