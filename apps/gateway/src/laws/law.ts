import type { DataProtectionAuthority } from "./authority.ts";
import type { CuratedCalendarData } from "./calendars/production-calendar.ts";
import type { SharedCompanyPolicy } from "./company-policy.ts";
import type { DeadlineRule, WithdrawalDestructionRule } from "./deadline-rule.ts";
import type { TransferRule } from "./transfer-rule.ts";

/** Everything the gateway knows about one law; `Policy` holds the figures of it that the company sets itself. */
export interface Law<Id extends string = string, Policy extends object = object> {
  readonly id: Id;
  /**
   * The countries (`DE`) and subdivisions (`US-CA`) the law governs, each with the one zone its days are counted in,
   * so that a deadline is reproducible whatever zone the request came from.
   */
  readonly timeZones: Readonly<Record<string, string>>;
  /** The company's defaults for the figures no statute of this law fixes; CompanyDeadlinePolicy can replace them. */
  readonly companyPolicy: Policy;
  /** Its deadline rules, in the order RULES.md lists them; each request type is answered by exactly one. */
  deadlineRules(policy: Policy & SharedCompanyPolicy): readonly DeadlineRule[];
  /** Present when the law sets a period for destroying data after consent is withdrawn (152-FZ Art. 21 part 5). */
  readonly afterConsentWithdrawn?: WithdrawalDestructionRule;
  /** Where its working days come from when date-holidays does not know them; `file` is named by the coverage alarm. */
  readonly calendar?: { readonly data: CuratedCalendarData; readonly file: string };
  readonly authorities: readonly DataProtectionAuthority[];
  /** For a jurisdiction the law governs that has no entry of its own in `authorities`. */
  readonly fallbackAuthority?: DataProtectionAuthority;
  /** Present when the law restricts personal data leaving its area. */
  readonly transfer?: TransferRule;
}

/**
 * Keeps the law's id as a literal type and its policy's type, so the registry can derive LawId and
 * CompanyDeadlinePolicy. Give `companyPolicy` a declared type: a bare literal would pin each figure to its default.
 */
export const defineLaw = <const Id extends string, Policy extends object = Record<never, never>>(law: Law<Id, Policy>): Law<Id, Policy> =>
  law;
