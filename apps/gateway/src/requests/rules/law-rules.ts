import type { RequestType } from "@custos/db/enums";
import type { DeadlineRule } from "../../laws/deadline-rule.ts";
import { type CompanyDeadlinePolicy, DEFAULT_COMPANY_POLICY, LAWS, type LawId } from "../../laws/registry.ts";

export type RuleTable = Readonly<Record<LawId, readonly DeadlineRule[]>>;

/**
 * The deadline rules per law, each citing where its figures come from. Pass a policy to change the figures
 * no statute fixes; the statutory figures are not configurable.
 */
export function buildRuleTable(policy: CompanyDeadlinePolicy = DEFAULT_COMPANY_POLICY): RuleTable {
  return Object.fromEntries(LAWS.map((law) => [law.id, law.deadlineRules(policy)])) as Record<LawId, readonly DeadlineRule[]>;
}

export const RULE_TABLE: RuleTable = buildRuleTable();

/**
 * The law's rule for a request type: for an objection to direct marketing the law's rule scoped to it where it has
 * one, otherwise the rule without a scope that lists the type.
 */
export function ruleFor(table: RuleTable, law: LawId, type: RequestType, directMarketing = false): DeadlineRule {
  const listing = table[law].filter((candidate) => candidate.requestTypes.includes(type));
  const rule =
    (directMarketing && listing.find((candidate) => candidate.scope === "direct-marketing")) ||
    listing.find((candidate) => !candidate.scope);
  if (!rule) throw new TypeError(`rule table has no ${law} rule for ${type}`);
  return rule;
}
