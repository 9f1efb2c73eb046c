export type PeriodUnit = "months" | "calendar-days" | "working-days";

export interface Period {
  readonly unit: PeriodUnit;
  readonly amount: number;
}

export interface ConfigurableDeadline {
  readonly response: Period;
  /** More time, in the response's unit, that a notice to the person can buy; absent when no extension is offered. */
  readonly extensionAmount?: number;
  readonly pausesAllowed: boolean;
}

/**
 * The figures no statute fixes (or that could not be checked against the statute's text), which the company
 * sets as its own commitment. Each one is named in the rule it feeds, with `basis: "company-policy"` or
 * `configurable: true`, so nobody mistakes it for law.
 */
export interface CompanyDeadlinePolicy {
  /** PIPL Art. 50 requires a mechanism to accept and handle requests but sets no time limit. */
  readonly china: ConfigurableDeadline;
  /**
   * PDPA access requests: 30 days is the figure of PDP Regulations 2021 reg. 5 as widely reported, but its text
   * could not be retrieved when this table was written, so it stays configurable until checked.
   */
  readonly singaporeAccess: ConfigurableDeadline;
  /** Russian requests other than access: 152-FZ periods for them were not verified for this table. */
  readonly russiaOtherRequests: ConfigurableDeadline;
  /** Questions, complaints, and rights a jurisdiction's law does not grant (e.g. objection under CCPA). */
  readonly unregulatedRequests: ConfigurableDeadline;
  /** Jurisdictions outside the table, counted in `timeZone` with weekends and that country's public holidays. */
  readonly otherJurisdictions: ConfigurableDeadline & { readonly timeZone: string };
}

export const DEFAULT_COMPANY_POLICY: CompanyDeadlinePolicy = {
  china: { response: { unit: "working-days", amount: 15 }, pausesAllowed: true },
  singaporeAccess: { response: { unit: "calendar-days", amount: 30 }, extensionAmount: 30, pausesAllowed: false },
  russiaOtherRequests: { response: { unit: "working-days", amount: 10 }, extensionAmount: 5, pausesAllowed: false },
  unregulatedRequests: { response: { unit: "calendar-days", amount: 30 }, pausesAllowed: true },
  otherJurisdictions: { response: { unit: "calendar-days", amount: 30 }, pausesAllowed: true, timeZone: "UTC" },
};
