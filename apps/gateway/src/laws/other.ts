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
  // The United Kingdom has no law module (its requests follow the default above), but escalation still names the ICO.
  authorities: [
    {
      jurisdiction: "GB",
      name: "Information Commissioner's Office (ICO)",
      website: "https://ico.org.uk",
      complaintUrl: "https://ico.org.uk/make-a-complaint/",
      phone: "+44 303 123 1113",
      address: "Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, United Kingdom",
      source: "https://ico.org.uk/global/contact-us/",
    },
  ],
});
