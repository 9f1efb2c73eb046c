import { RUSSIA_PRODUCTION_CALENDAR } from "./calendars/russia.ts";
import { type ConfigurableDeadline, companyPolicyRule, otherTypes } from "./deadline-rule.ts";
import { defineLaw } from "./law.ts";
import type { Citation } from "./transfer-rule.ts";

const LAW = "Russia, Federal Law of 27.07.2006 No. 152-FZ «On Personal Data»";
const CONSULTANT = "https://www.consultant.ru/document/cons_doc_LAW_61801/";
const RKN_NOTICE_ORDER = "https://vm2-1.rkn.gov.ru/press/news/news74664.htm";

export const PRIOR_NOTICE_CITATION: Citation = {
  article: "152-FZ Art. 12(3)-(4), as amended by 266-FZ (in force 1 March 2023)",
  url: "https://legalacts.ru/doc/152_FZ-o-personalnyh-dannyh/glava-2/statja-12/",
};

interface RussiaPolicy {
  /** Russian requests other than access: 152-FZ periods for them were not verified for this table. */
  readonly russiaOtherRequests: ConfigurableDeadline;
}

const companyPolicy: RussiaPolicy = {
  russiaOtherRequests: { response: { unit: "working-days", amount: 10 }, extensionAmount: 5, pausesAllowed: false },
};

export const ru152Fz = defineLaw({
  id: "RU_152_FZ",
  // Russia spans eleven zones; the regulator and the production calendar count in Moscow's.
  timeZones: { RU: "Europe/Moscow" },
  companyPolicy,
  deadlineRules: (policy) => [
    {
      id: "RU-152-FZ-ART-14-20",
      law: LAW,
      citation:
        "152-FZ Art. 14 part 3 and Art. 20 parts 1–2, as amended by Federal Law of 14.07.2022 No. 266-FZ: ten working days from " +
        "the request, extendable by at most five working days by a reasoned notice to the subject giving the reasons",
      sources: [CONSULTANT, "https://zakonrf.info/doc-37386332", "https://docs.cntd.ru/document/468000292/titles/P9C8N6"],
      basis: "statute",
      configurable: false,
      requestTypes: ["ACCESS"],
      response: { unit: "working-days", amount: 10 },
      extension: { additional: 5, citation: "152-FZ Art. 14 part 3, Art. 20 parts 1–2 (266-FZ)" },
      lastDayOnNonWorkingDay: "stays",
      pauses: { allowed: false, why: "152-FZ provides no suspension: the period runs from the request («с момента обращения»)" },
    },
    companyPolicyRule(
      {
        id: "RU-152-FZ-COMPANY-POLICY",
        law: LAW,
        citation: "152-FZ periods for requests other than access were not verified for this table; company policy mirrors Art. 20",
        sources: [CONSULTANT],
        requestTypes: otherTypes(["ACCESS"]),
      },
      policy.russiaOtherRequests,
    ),
  ],
  calendar: { data: RUSSIA_PRODUCTION_CALENDAR, file: "russia.ts" },
  authorities: [
    {
      jurisdiction: "RU",
      name: "Roskomnadzor (Federal Service for Supervision of Communications, Information Technology and Mass Media)",
      website: "https://rkn.gov.ru",
      complaintUrl: "https://rkn.gov.ru/treatments/ask-question/",
      address: "Kitaygorodsky proezd 7, bld. 2, Moscow, Russia",
      source: "https://rkn.gov.ru/contacts/",
    },
  ],
  transfer: {
    // The spelling transfer violations were first published with; the law's id elsewhere is RU_152_FZ.
    reportedAs: "RU_152FZ",
    appliesWhen: "Any data subject is a Russian resident and the destination is outside Russia.",
    mechanisms: ["RU_152FZ_PRIOR_NOTICE"],
    mechanismCitation: PRIOR_NOTICE_CITATION,
    notes: [
      "The notice to Roskomnadzor must be filed before the transfer starts; the record keeps its reference and date.",
      `Not checked here: to a country outside Roskomnadzor's list of adequate countries, transfers must also wait 10 working days after the notice (${RKN_NOTICE_ORDER}).`,
    ],
  },
});
