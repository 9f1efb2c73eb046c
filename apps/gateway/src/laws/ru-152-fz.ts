import { RUSSIA_PRODUCTION_CALENDAR } from "./calendars/russia.ts";
import { atOnceObjection, type ConfigurableDeadline, companyPolicyRule, otherTypes } from "./deadline-rule.ts";
import { defineLaw } from "./law.ts";
import type { Citation } from "./transfer-rule.ts";

const LAW = "Russia, Federal Law of 27.07.2006 No. 152-FZ «On Personal Data»";
const CONSULTANT = "https://www.consultant.ru/document/cons_doc_LAW_61801/";
const ART_20 = "https://admin-pravo.ru/zakon-o-personalnyh-dannyh-20/";
const ART_21 = "http://lugasoft.ru/zakon/o-personalnyh-dannyh/statya-21";
const AMENDMENT_266_FZ = "https://zakonrf.info/doc-37386332";
const NO_SUSPENSION = "152-FZ provides no suspension: the period runs from the request («с момента обращения»)";

/** Rectification and destruction on the person's evidence: Art. 20 part 3 (and Art. 21 part 2), no extension. */
const SEVEN_DAY_TYPES = ["RECTIFICATION", "ERASURE"] as const;
/** A demand to stop processing: Art. 21 part 5.1 (266-FZ). */
const STOP_PROCESSING_TYPES = ["OBJECTION", "OPT_OUT_OF_SALE"] as const;
const RKN_NOTICE_ORDER = "https://vm2-1.rkn.gov.ru/press/news/news74664.htm";

export const PRIOR_NOTICE_CITATION: Citation = {
  article: "152-FZ Art. 12(3)-(4), as amended by 266-FZ (in force 1 March 2023)",
  url: "https://legalacts.ru/doc/152_FZ-o-personalnyh-dannyh/glava-2/statja-12/",
};

interface RussiaPolicy {
  /** Restriction, portability, questions and complaints: 152-FZ grants no such right or sets no period for it. */
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
      pauses: { allowed: false, why: NO_SUSPENSION },
    },
    {
      id: "RU-152-FZ-ART-20-3",
      law: LAW,
      citation:
        "152-FZ Art. 20 part 3 and Art. 21 part 2 (rectification), Art. 14 part 1 with Art. 20 part 3 (destruction of data " +
        "unlawfully obtained or not needed for the stated purpose): seven working days from the day the person supplies " +
        "the information showing it, with no extension. Counted from receipt: the request is taken to carry that " +
        "information. The 30 days of Art. 21 part 5 are for destruction after consent is withdrawn (tracked apart)",
      sources: [CONSULTANT, ART_20, ART_21],
      basis: "statute",
      configurable: false,
      requestTypes: SEVEN_DAY_TYPES,
      response: { unit: "working-days", amount: 7 },
      lastDayOnNonWorkingDay: "stays",
      pauses: { allowed: false, why: NO_SUSPENSION },
    },
    atOnceObjection({
      id: "RU-152-FZ-ART-15-2",
      law: LAW,
      citation:
        "152-FZ Art. 15 part 2: on the person's demand the operator must stop «немедленно» (immediately) processing their " +
        "data for promoting goods, works or services by direct contact",
      sources: [CONSULTANT],
    }),
    {
      id: "RU-152-FZ-ART-21-5-1",
      law: LAW,
      citation:
        "152-FZ Art. 21 part 5.1, added by Federal Law of 14.07.2022 No. 266-FZ: on a demand to stop processing, stop within " +
        "ten working days of receiving it (save the grounds of Art. 6 part 1 points 2–11, Art. 10 part 2, Art. 11 part 2), " +
        "extendable by at most five working days by a reasoned notice giving the reasons",
      sources: [AMENDMENT_266_FZ, ART_21],
      basis: "statute",
      configurable: false,
      requestTypes: STOP_PROCESSING_TYPES,
      response: { unit: "working-days", amount: 10 },
      extension: { additional: 5, citation: "152-FZ Art. 21 part 5.1 (266-FZ)" },
      lastDayOnNonWorkingDay: "stays",
      pauses: { allowed: false, why: NO_SUSPENSION },
    },
    companyPolicyRule(
      {
        id: "RU-152-FZ-COMPANY-POLICY",
        law: LAW,
        citation:
          "152-FZ grants no right to restriction or portability and sets no period for questions or complaints; company policy " +
          "mirrors Art. 14 and Art. 20 (blocking on a claim of inaccurate or unlawful processing, Art. 21 part 1, runs from " +
          "the claim and is handled with the rectification or destruction)",
        sources: [CONSULTANT],
        requestTypes: otherTypes(["ACCESS"], SEVEN_DAY_TYPES, STOP_PROCESSING_TYPES),
      },
      policy.russiaOtherRequests,
    ),
  ],
  afterConsentWithdrawn: {
    id: "RU-152-FZ-ART-21-5",
    citation:
      "152-FZ Art. 21 part 5: once consent is withdrawn, stop processing and, where keeping the data is no longer needed " +
      "for the purposes of processing, destroy it within thirty days of receiving the withdrawal, unless a contract with " +
      "the person, an agreement, or this or another federal law allows processing without consent. Calendar days (the " +
      "law does not say working days); the last day stays where it falls",
    sources: [CONSULTANT, ART_21],
    period: { unit: "calendar-days", amount: 30 },
  },
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
