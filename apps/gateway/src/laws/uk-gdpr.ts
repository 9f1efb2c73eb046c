import type { RequestType } from "@custos/db/enums";
import { atOnceObjection, companyPolicyRule, otherTypes } from "./deadline-rule.ts";
import { defineLaw } from "./law.ts";

const LAW = "United Kingdom, UK GDPR (retained Regulation (EU) 2016/679) and the Data Protection Act 2018";
const UK_GDPR_TEXT = "https://www.legislation.gov.uk/eur/2016/679/contents";
const ICO_TIME_LIMITS = "https://ico.org.uk/global/sar-checklist-for-smes/i-need-to-complete-a-sar";
const ICO_2019_CHANGE = "https://www.lexology.com/library/detail.aspx?g=ff847e97-aa21-4a2d-be47-eb979808f6ae";
const ART_12A_IN_FORCE = "https://bratby.law/data-use-and-access-act-2025-commencement/";

const RIGHTS: readonly RequestType[] = ["ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION", "PORTABILITY", "OBJECTION", "OPT_OUT_OF_SALE"];

/**
 * The United Kingdom since it left the EU: the same rights and the same month as the GDPR, counted in London with the
 * bank holidays common to the UK's nations (date-holidays' GB; `GB-ENG`, `GB-SCT`… add each nation's own).
 */
export const ukGdpr = defineLaw({
  id: "UK_GDPR",
  timeZones: { GB: "Europe/London" },
  companyPolicy: {},
  deadlineRules: (policy) => [
    {
      id: "UK-GDPR-ART-12-3",
      law: LAW,
      citation:
        "UK GDPR Art. 12(3) and Art. 12A (inserted by the Data (Use and Access) Act 2025): one month of receipt, extendable " +
        "by two further months with the person told within the first month. Counted as the ICO's guidance counts since " +
        "August 2019: from the day of receipt to the corresponding date of the next month (the last day of that month if " +
        "it has none), a weekend or bank holiday moving it to the next working day. The ICO's earlier reading counted " +
        "from the day after receipt, one day later; Art. 12A's «one month beginning with» the relevant time may, read as " +
        "UK statutes usually are, end one day earlier: not confirmed against the enacted text",
      sources: [UK_GDPR_TEXT, ICO_TIME_LIMITS, ICO_2019_CHANGE, ART_12A_IN_FORCE],
      basis: "statute",
      configurable: false,
      requestTypes: RIGHTS,
      response: { unit: "months", amount: 1 },
      extension: { additional: 2, citation: "UK GDPR Art. 12(3), Art. 12A" },
      lastDayOnNonWorkingDay: "moves-to-next-working-day",
      pauses: {
        allowed: true,
        why:
          "UK GDPR Art. 12A (Data (Use and Access) Act 2025, in force 5 February 2026): the period runs from when the " +
          "controller has the information it reasonably asked for to confirm identity or clarify the request; counting it " +
          "as a pause gives a date no later than restarting the month",
        resumes: { onDayOfEvent: true, citation: "UK GDPR Art. 12A: the month begins with the day the information is received" },
      },
    },
    atOnceObjection({
      id: "UK-GDPR-ART-21-3",
      law: LAW,
      citation:
        "UK GDPR Art. 21(3): where the person objects to processing for direct marketing, the data shall no longer be " +
        "processed for such purposes; acted on at once",
      sources: [UK_GDPR_TEXT],
    }),
    companyPolicyRule(
      {
        id: "UK-GDPR-COMPANY-POLICY",
        law: LAW,
        citation:
          "Art. 12(3) covers requests under Arts. 15–22 only; questions and complaints follow company policy (DPA 2018 s. 164A, " +
          "in force 19 June 2026, asks for complaints to be acknowledged within 30 days)",
        sources: [UK_GDPR_TEXT],
        requestTypes: otherTypes(RIGHTS),
      },
      policy.unregulatedRequests,
    ),
  ],
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
