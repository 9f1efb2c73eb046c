import { describe, expect, it } from "vitest";
import { neutraliseFormula, toCsv } from "./csv.ts";

describe("neutraliseFormula", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+7 912", "'+7 912"],
    ["-1", "'-1"],
    ["@cmd", "'@cmd"],
    ["\t=1", "'\t=1"],
    ["\rx", "'\rx"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["US-CA", "US-CA"],
  ])("turns %j into %j", (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("writes a header, CRLF rows, RFC 4180 quoting, lone line breaks quoted, empty nulls and neutralised formulas", () => {
    const csv = toCsv(
      ["name", "note", "count"],
      [
        { name: 'Quoted "x", with comma', note: "one\ntwo", count: 3 },
        { name: "=HYPERLINK(1)", note: null, count: 0 },
      ],
    );
    expect(csv).toBe('name,note,count\r\n"Quoted ""x"", with comma","one\ntwo",3\r\n\'=HYPERLINK(1),,0\r\n');
  });
});
