import { RequestType } from "@custos/db/enums";

export type PeriodUnit = "months" | "calendar-days" | "working-days";

export interface Period {
  readonly unit: PeriodUnit;
  readonly amount: number;
}

/** A deadline the company sets as its own commitment where no statute fixes one (or none could be checked). */
export interface ConfigurableDeadline {
  readonly response: Period;
  /** More time, in the response's unit, that a notice to the person can buy; absent when no extension is offered. */
  readonly extensionAmount?: number;
  readonly pausesAllowed: boolean;
}

export interface DeadlineRule {
  readonly id: string;
  readonly law: string;
  readonly citation: string;
  /** The first is the primary text; the others are where the figures were checked. */
  readonly sources: readonly string[];
  /** "company-policy": no statute fixes this deadline; the company commits to it. */
  readonly basis: "statute" | "company-policy";
  /** The figures come from CompanyDeadlinePolicy rather than being fixed in this table. */
  readonly configurable: boolean;
  readonly requestTypes: readonly RequestType[];
  /**
   * "direct-marketing": the rule answers only objections to direct marketing (a request's `directMarketing`); the
   * law's rule without a scope answers its other requests of the same type.
   */
  readonly scope?: "direct-marketing";
  /** `{ unit: "calendar-days", amount: 0 }` is "at once": the day of receipt. */
  readonly response: Period;
  readonly acknowledgement?: { readonly within: Period; readonly citation: string };
  /** `additional` is in the response's unit; the notice must reach the person before the original period ends. */
  readonly extension?: { readonly additional: number; readonly citation: string };
  readonly lastDayOnNonWorkingDay: "moves-to-next-working-day" | "stays";
  readonly pauses: PauseRule;
}

/**
 * A law's period, after a person withdraws consent, within which the data processed on that consent must be
 * destroyed unless another basis allows keeping it; counted in calendar days from the withdrawal, in the law's zone.
 */
export interface WithdrawalDestructionRule {
  readonly id: string;
  readonly citation: string;
  readonly sources: readonly string[];
  readonly period: { readonly unit: "calendar-days"; readonly amount: number };
}

/** Whether the clock may stop while the request waits on the person, and where it may, on which day it restarts. */
export type PauseRule =
  | { readonly allowed: false; readonly why: string }
  | {
      readonly allowed: true;
      readonly why: string;
      /** Whether the day the clock restarts on (the day of the person's answer) already counts. */
      readonly resumes: { readonly onDayOfEvent: boolean; readonly citation: string };
    };

export const ALL_REQUEST_TYPES: readonly RequestType[] = Object.values(RequestType);

/** The request types none of `covered` lists: those a law's statutory rules leave to company policy. */
export function otherTypes(...covered: (readonly RequestType[])[]): RequestType[] {
  return ALL_REQUEST_TYPES.filter((type) => !covered.some((types) => types.includes(type)));
}

/** Zero days: due the day the request is received (or, if the clock stood still from then, the day it runs again). */
export const AT_ONCE: Period = { unit: "calendar-days", amount: 0 };

/**
 * An objection to direct marketing, which the law says must stop the marketing itself, with no period: acted on the
 * day it is received. The only wait is for proof that the objection is the account holder's (a code sent to the
 * account's registered address); until then it is not known to be theirs, and it is acted on the day that proof comes.
 */
export function atOnceObjection(fields: Pick<DeadlineRule, "id" | "law" | "citation" | "sources">): DeadlineRule {
  return {
    ...fields,
    basis: "statute",
    configurable: false,
    requestTypes: ["OBJECTION"],
    scope: "direct-marketing",
    response: AT_ONCE,
    lastDayOnNonWorkingDay: "stays",
    pauses: {
      allowed: true,
      why: "only while a code sent to the account's registered address has not yet shown the objection to be the account holder's",
      resumes: { onDayOfEvent: true, citation: "acted on the day the code is confirmed" },
    },
  };
}

const COMPANY_RESUMPTION = {
  onDayOfEvent: true,
  citation: "company policy: the day the person answers already counts, a day stricter than Regulation 1182/71 Art. 3(1)",
};

const COMPANY_CLOCK = "company policy: the company's own clock may stop while it waits for the person";
const NO_PAUSE_POLICY = "company policy keeps the clock running";

export const companyPauses = (deadline: ConfigurableDeadline): PauseRule =>
  deadline.pausesAllowed ? { allowed: true, why: COMPANY_CLOCK, resumes: COMPANY_RESUMPTION } : { allowed: false, why: NO_PAUSE_POLICY };

export function companyPolicyRule(
  fields: Pick<DeadlineRule, "id" | "law" | "citation" | "sources" | "requestTypes">,
  deadline: ConfigurableDeadline,
): DeadlineRule {
  return {
    ...fields,
    basis: "company-policy",
    configurable: true,
    response: deadline.response,
    ...(deadline.extensionAmount ? { extension: { additional: deadline.extensionAmount, citation: "company policy" } } : {}),
    lastDayOnNonWorkingDay: "stays",
    pauses: companyPauses(deadline),
  };
}
