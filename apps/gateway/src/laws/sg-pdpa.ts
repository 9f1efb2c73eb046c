import type { RequestType } from "@custos/db/enums";
import { type ConfigurableDeadline, companyPauses, companyPolicyRule, otherTypes } from "./deadline-rule.ts";
import { defineLaw } from "./law.ts";

const LAW = "Singapore, Personal Data Protection Act 2012";
const REGULATIONS_2021 = "https://sso.agc.gov.sg/SL-Supp/S63-2021/Published/20210129170000?DocDate=20210129170000&WholeDoc=1";

const ACCESS: readonly RequestType[] = ["ACCESS"];

interface SingaporePolicy {
  /**
   * PDPA access requests: 30 days is the figure of PDP Regulations 2021 reg. 5 as widely reported, but its text
   * could not be retrieved when this table was written, so it stays configurable until checked.
   */
  readonly singaporeAccess: ConfigurableDeadline;
}

const companyPolicy: SingaporePolicy = {
  singaporeAccess: { response: { unit: "calendar-days", amount: 30 }, extensionAmount: 30, pausesAllowed: false },
};

export const sgPdpa = defineLaw({
  id: "SG_PDPA",
  timeZones: { SG: "Asia/Singapore" },
  companyPolicy,
  deadlineRules: (policy) => [
    {
      id: "SG-PDPA-REG-5",
      law: LAW,
      citation:
        "PDPA s. 21(1); Personal Data Protection Regulations 2021 reg. 4 (duty to respond) and reg. 5 (notification of " +
        "timeframe): respond as soon as reasonably possible, else tell the applicant in writing when it will respond",
      sources: [REGULATIONS_2021, "https://laws.sg/legislation/sub-leg-2012-pdpa-s63-2021/reg-4"],
      basis: "statute",
      configurable: true,
      requestTypes: ACCESS,
      response: policy.singaporeAccess.response,
      ...(policy.singaporeAccess.extensionAmount
        ? { extension: { additional: policy.singaporeAccess.extensionAmount, citation: "PDP Regulations 2021 reg. 5" } }
        : {}),
      lastDayOnNonWorkingDay: "stays",
      pauses: companyPauses(policy.singaporeAccess),
    },
    companyPolicyRule(
      {
        id: "SG-PDPA-COMPANY-POLICY",
        law: LAW,
        citation: "The PDPA sets no fixed period for requests other than access (correction: as soon as practicable, s. 22)",
        sources: [REGULATIONS_2021],
        requestTypes: otherTypes(ACCESS),
      },
      policy.unregulatedRequests,
    ),
  ],
  authorities: [
    {
      jurisdiction: "SG",
      name: "Personal Data Protection Commission (PDPC)",
      website: "https://www.pdpc.gov.sg",
      complaintUrl: "https://www.pdpc.gov.sg/complaints-and-reviews",
      address: "10 Pasir Panjang Road, #03-01 Mapletree Business City, Singapore 117438",
      source: "https://www.pdpc.gov.sg/contact-us",
    },
  ],
});
