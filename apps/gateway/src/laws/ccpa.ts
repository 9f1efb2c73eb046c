import type { RequestType } from "@custos/db/enums";
import { companyPolicyRule, otherTypes } from "./deadline-rule.ts";
import { defineLaw } from "./law.ts";

const LAW = "California, CCPA as amended by CPRA (Civ. Code §1798.100 et seq.)";
const CIV_1798_130 = "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.130";

const KNOW_DELETE_CORRECT: readonly RequestType[] = ["ACCESS", "PORTABILITY", "RECTIFICATION", "ERASURE"];

export const ccpa = defineLaw({
  id: "CCPA",
  timeZones: { "US-CA": "America/Los_Angeles" },
  companyPolicy: {},
  deadlineRules: (policy) => [
    {
      id: "CCPA-REGS-7021",
      law: LAW,
      citation:
        "Cal. Code Regs. tit. 11 §7021(a)–(b) and Civ. Code §1798.130(a)(2)(A): confirm receipt within 10 business days; respond " +
        "within 45 calendar days of receipt; once extendable by 45 more with notice and reasons within the first 45",
      sources: [
        "https://www.law.cornell.edu/regulations/california/11-CCR-7021",
        "https://advisori.com/cpra/%C2%A7-7021-timelines-for-responding-to-requests-to-delete-requests-to-correct-and-requests-to-know/",
        CIV_1798_130,
      ],
      basis: "statute",
      configurable: false,
      requestTypes: KNOW_DELETE_CORRECT,
      acknowledgement: { within: { unit: "working-days", amount: 10 }, citation: "Cal. Code Regs. tit. 11 §7021(a)" },
      response: { unit: "calendar-days", amount: 45 },
      extension: { additional: 45, citation: "§7021(b); Civ. Code §1798.130(a)(2)(A)" },
      // Civ. Code §10 would let a period ending on a holiday run one day longer; §7021 counts calendar days and
      // the stricter reading keeps the queue from promising a date the regulator might not accept.
      lastDayOnNonWorkingDay: "stays",
      pauses: {
        allowed: false,
        why:
          "§7021(b): the 45 days begin on receipt regardless of time required to verify; Civ. Code §1798.130(a)(2)(A): " +
          "verification does not extend the duty",
      },
    },
    {
      id: "CCPA-REGS-7026",
      law: LAW,
      citation:
        "Cal. Code Regs. tit. 11 §7026(f)(1): stop selling/sharing as soon as feasibly possible, no later than 15 business days " +
        "from receipt; no verification may be required (§7026(d))",
      sources: ["https://www.law.cornell.edu/regulations/california/11-CCR-7026"],
      basis: "statute",
      configurable: false,
      requestTypes: ["OPT_OUT_OF_SALE"],
      response: { unit: "working-days", amount: 15 },
      lastDayOnNonWorkingDay: "stays",
      pauses: { allowed: false, why: "an opt-out needs no verification, so there is nothing to wait for" },
    },
    companyPolicyRule(
      {
        id: "CCPA-COMPANY-POLICY",
        law: LAW,
        citation: "The CCPA grants no such right or sets no period for it (restriction, objection, questions, complaints)",
        sources: [CIV_1798_130],
        requestTypes: otherTypes(KNOW_DELETE_CORRECT, ["OPT_OUT_OF_SALE"]),
      },
      policy.unregulatedRequests,
    ),
  ],
  authorities: [
    {
      jurisdiction: "US-CA",
      name: "California Privacy Protection Agency (CPPA)",
      website: "https://cppa.ca.gov",
      complaintUrl: "https://cppa.ca.gov/webapplications/complaint",
      email: "info@cppa.ca.gov",
      phone: "+1 916-572-2900",
      source: "https://ca.gov/departments/315",
    },
  ],
});
