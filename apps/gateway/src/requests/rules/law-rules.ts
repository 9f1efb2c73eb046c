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

export function ruleFor(table: RuleTable, law: LawId, type: RequestType): DeadlineRule {
  const rule = table[law].find((candidate) => candidate.requestTypes.includes(type));
  if (!rule) throw new TypeError(`rule table has no ${law} rule for ${type}`);
  return rule;
}
