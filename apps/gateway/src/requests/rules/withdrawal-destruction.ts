import { isJurisdiction } from "../../ground/identifiers/jurisdiction.ts";
import type { WithdrawalDestructionRule } from "../../laws/deadline-rule.ts";
import { DEFAULT_COMPANY_POLICY, lawFor } from "../../laws/registry.ts";
import { addDays, endOfLocalDay, localDateOf } from "./calendar-date.ts";
import { jurisdictionProfile } from "./jurisdictions.ts";

export interface WithdrawalDestructionDeadline {
  readonly rule: WithdrawalDestructionRule;
  /** The end of the period's last day in the law's zone. */
  readonly dueAt: Date;
}

/**
 * When the data processed on a withdrawn consent must be destroyed by, for a person in `jurisdiction`; null where
 * their law sets no such period (or the jurisdiction is not a code). The day of the withdrawal is not counted.
 */
export function withdrawalDestructionDeadline(jurisdiction: string, withdrawnAt: Date): WithdrawalDestructionDeadline | null {
  if (!isJurisdiction(jurisdiction)) return null;
  const rule = lawFor(jurisdiction).afterConsentWithdrawn;
  if (!rule) return null;
  const profile = jurisdictionProfile(jurisdiction, DEFAULT_COMPANY_POLICY.otherJurisdictions.timeZone);
  const lastDay = addDays(localDateOf(withdrawnAt, profile.timeZone), rule.period.amount);
  return { rule, dueAt: endOfLocalDay(lastDay, profile.timeZone) };
}
