import { ALL_REQUEST_TYPES, type ConfigurableDeadline, companyPolicyRule } from "./deadline-rule.ts";
import { defineLaw } from "./law.ts";

interface OtherJurisdictionsPolicy {
  /** Jurisdictions outside every law's table, counted in `timeZone` with weekends and that country's public holidays. */
  readonly otherJurisdictions: ConfigurableDeadline & { readonly timeZone: string };
}

const companyPolicy: OtherJurisdictionsPolicy = {
  otherJurisdictions: { response: { unit: "calendar-days", amount: 30 }, pausesAllowed: true, timeZone: "UTC" },
};

/** Every jurisdiction no other law claims: the company's default commitment applies until a law is added. */
export const other = defineLaw({
  id: "OTHER",
  // Its zone is the company's choice, `otherJurisdictions.timeZone`, not a table of its own.
  timeZones: {},
  companyPolicy,
  deadlineRules: (policy) => [
    companyPolicyRule(
      {
        id: "DEFAULT-COMPANY-POLICY",
        law: "No law in this table",
        citation: "Jurisdiction outside the rule table: the company's default commitment applies until a rule is added",
        sources: [],
        requestTypes: ALL_REQUEST_TYPES,
      },
      policy.otherJurisdictions,
    ),
  ],
  authorities: [],
});
