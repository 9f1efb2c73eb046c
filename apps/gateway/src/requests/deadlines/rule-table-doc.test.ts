import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { ruleTableDocPath, ruleTableMarkdown } from "./rule-table-doc.ts";

it("RULES.md is generated from the rule table (run `pnpm --filter @custos/gateway requests:rules` after changing it)", () => {
  expect(readFileSync(ruleTableDocPath, "utf8")).toBe(ruleTableMarkdown());
});
