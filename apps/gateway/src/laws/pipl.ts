import { CHINA_HOLIDAY_CALENDAR } from "./calendars/china.ts";
import { ALL_REQUEST_TYPES, type ConfigurableDeadline, companyPolicyRule } from "./deadline-rule.ts";
import { defineLaw } from "./law.ts";
import type { Citation } from "./transfer-rule.ts";

export const CONSENT_AND_NOTICE_CITATION: Citation = {
  article: "PIPL Art. 39",
  url: "https://laitimes.com/en/article/6vxm8_7c9w1.html",
};

interface ChinaPolicy {
  /** PIPL Art. 50 requires a mechanism to accept and handle requests but sets no time limit. */
  readonly china: ConfigurableDeadline;
}

const companyPolicy: ChinaPolicy = {
  china: { response: { unit: "working-days", amount: 15 }, pausesAllowed: true },
};

export const pipl = defineLaw({
  id: "PIPL",
  timeZones: { CN: "Asia/Shanghai" },
  companyPolicy,
  deadlineRules: (policy) => [
    companyPolicyRule(
      {
        id: "PIPL-ART-50",
        law: "China, Personal Information Protection Law",
        citation:
          "PIPL Art. 50: a handler must establish a convenient mechanism to accept and handle requests and give reasons when " +
          "refusing; it sets no time limit, so the deadline is the company's own commitment",
        sources: ["https://personalinformationprotectionlaw.com/PIPL/article-50/"],
        requestTypes: ALL_REQUEST_TYPES,
      },
      policy.china,
    ),
  ],
  calendar: { data: CHINA_HOLIDAY_CALENDAR, file: "china.ts" },
  authorities: [
    {
      jurisdiction: "CN",
      name: "Cyberspace Administration of China (CAC); illegal and harmful information reporting centre",
      website: "https://www.cac.gov.cn",
      complaintUrl: "https://www.12377.cn",
      source: "https://www.12377.cn",
    },
  ],
  transfer: {
    reportedAs: "PIPL",
    appliesWhen:
      "The destination is outside mainland China (Hong Kong, Macao and Taiwan included): every transfer the company makes abroad.",
    mechanisms: ["PIPL_SECURITY_ASSESSMENT", "PIPL_CERTIFICATION", "PIPL_STANDARD_CONTRACT"],
    mechanismCitation: {
      article: "PIPL Art. 38",
      url: "https://personalinformationprotectionlaw.com/PIPL/tag/state-cyberspace-administration/",
    },
    notes: [
      "Art. 39: the person must be told the recipient's name and contact, purpose, method, categories and how to use their rights abroad, and give separate consent.",
      "Not checked here: the impact assessment of Art. 55-56, and the CAC thresholds deciding which of the three mechanisms is required.",
    ],
  },
});
