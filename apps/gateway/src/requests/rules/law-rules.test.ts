import { describe, expect, it } from "vitest";
import type { LawId } from "../../laws/registry.ts";
import { RULE_TABLE } from "./law-rules.ts";
import { REQUEST_TYPES } from "./request-kinds.ts";

const laws = Object.keys(RULE_TABLE) as LawId[];
const allRules = laws.flatMap((law) => RULE_TABLE[law]);

describe("rule table", () => {
  it.each(laws)("%s has exactly one rule for every request type, and at most one more for objections to direct marketing", (law) => {
    for (const type of REQUEST_TYPES) {
      const listing = RULE_TABLE[law].filter((rule) => rule.requestTypes.includes(type));
      expect(listing.filter((rule) => !rule.scope)).toHaveLength(1);
      expect(listing.filter((rule) => rule.scope === "direct-marketing").length).toBeLessThanOrEqual(type === "OBJECTION" ? 1 : 0);
    }
  });

  it.each(allRules.map((rule) => [rule.id, rule] as const))("%s names its law and citation", (_id, rule) => {
    expect(rule.law).not.toBe("");
    expect(rule.citation).not.toBe("");
    expect(rule.pauses.why).not.toBe("");
    for (const source of rule.sources) expect(source).toMatch(/^https?:\/\//);
  });

  it.each(allRules.filter((rule) => rule.basis === "statute").map((rule) => [rule.id, rule] as const))(
    "statutory rule %s cites a source",
    (_id, rule) => {
      expect(rule.sources.length).toBeGreaterThan(0);
    },
  );

  it("marks every company-policy rule configurable", () => {
    for (const rule of allRules.filter((candidate) => candidate.basis === "company-policy")) expect(rule.configurable).toBe(true);
  });

  it("has unique ids", () => {
    expect(new Set(allRules.map((rule) => rule.id)).size).toBe(allRules.length);
  });
});
