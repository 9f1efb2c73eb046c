import type { ConfigurableDeadline } from "./deadline-rule.ts";

/** The company's figures that more than one law relies on. */
export interface SharedCompanyPolicy {
  /** Questions, complaints, and rights a jurisdiction's law does not grant (e.g. objection under CCPA). */
  readonly unregulatedRequests: ConfigurableDeadline;
}

export const SHARED_COMPANY_POLICY: SharedCompanyPolicy = {
  unregulatedRequests: { response: { unit: "calendar-days", amount: 30 }, pausesAllowed: true },
};
