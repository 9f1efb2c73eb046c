import { type CompanyDeadlinePolicy, type ConfigurableDeadline, DEFAULT_COMPANY_POLICY, type Period } from "./company-policy.ts";
import type { LawId } from "./jurisdictions.ts";
import { REQUEST_TYPES, type RequestType } from "./request-kinds.ts";

export interface DeadlineRule {
  readonly id: string;
  readonly law: string;
  readonly citation: string;
  /** The first is the primary text; the others are where the figures were checked. */
  readonly sources: readonly string[];
  /** "company-policy": no statute fixes this deadline; the company commits to it. */
  readonly basis: "statute" | "company-policy";
  /** The figures come from CompanyDeadlinePolicy rather than being fixed in this table. */
  readonly configurable: boolean;
  readonly requestTypes: readonly RequestType[];
  readonly response: Period;
  readonly acknowledgement?: { readonly within: Period; readonly citation: string };
  /** `additional` is in the response's unit; the notice must reach the person before the original period ends. */
  readonly extension?: { readonly additional: number; readonly citation: string };
  readonly lastDayOnNonWorkingDay: "moves-to-next-working-day" | "stays";
  readonly pauses: PauseRule;
}

/** Whether the clock may stop while the request waits on the person, and where it may, on which day it restarts. */
type PauseRule =
  | { readonly allowed: false; readonly why: string }
  | {
      readonly allowed: true;
      readonly why: string;
      /** Whether the day the clock restarts on (the day of the person's answer) already counts. */
      readonly resumes: { readonly onDayOfEvent: boolean; readonly citation: string };
    };

export type RuleTable = Readonly<Record<LawId, readonly DeadlineRule[]>>;

const GDPR_RIGHTS: readonly RequestType[] = [
  "ACCESS",
  "RECTIFICATION",
  "ERASURE",
  "RESTRICTION",
  "PORTABILITY",
  "OBJECTION",
  "OPT_OUT_OF_SALE",
];
const CCPA_KNOW_DELETE_CORRECT: readonly RequestType[] = ["ACCESS", "PORTABILITY", "RECTIFICATION", "ERASURE"];

function otherTypes(...covered: (readonly RequestType[])[]): RequestType[] {
  return REQUEST_TYPES.filter((type) => !covered.some((types) => types.includes(type)));
}

function companyPolicyRule(
  fields: Pick<DeadlineRule, "id" | "law" | "citation" | "sources" | "requestTypes">,
  deadline: ConfigurableDeadline,
): DeadlineRule {
  return {
    ...fields,
    basis: "company-policy",
    configurable: true,
    response: deadline.response,
    ...(deadline.extensionAmount ? { extension: { additional: deadline.extensionAmount, citation: "company policy" } } : {}),
    lastDayOnNonWorkingDay: "stays",
    pauses: companyPauses(deadline),
  };
}

const COMPANY_RESUMPTION = {
  onDayOfEvent: true,
  citation: "company policy: the day the person answers already counts, a day stricter than Regulation 1182/71 Art. 3(1)",
};

const COMPANY_CLOCK = "company policy: the company's own clock may stop while it waits for the person";
const NO_PAUSE_POLICY = "company policy keeps the clock running";
const companyPauses = (deadline: ConfigurableDeadline): PauseRule =>
  deadline.pausesAllowed ? { allowed: true, why: COMPANY_CLOCK, resumes: COMPANY_RESUMPTION } : { allowed: false, why: NO_PAUSE_POLICY };

/**
 * The deadline rules per law, each citing where its figures come from. Pass a policy to change the figures
 * no statute fixes; the statutory figures are not configurable.
 */
export function buildRuleTable(policy: CompanyDeadlinePolicy = DEFAULT_COMPANY_POLICY): RuleTable {
  const singaporeAccess: readonly RequestType[] = ["ACCESS"];
  return {
    GDPR: [
      {
        id: "GDPR-ART-12-3",
        law: "GDPR, Regulation (EU) 2016/679",
        citation:
          "Art. 12(3) GDPR: one month of receipt, extendable by two further months, with the person told of the extension and " +
          "its reasons within the first month; time limits per Regulation (EEC, Euratom) 1182/71 Art. 3",
        sources: [
          "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
          "https://gdprhub.eu/index.php?title=Article_12_GDPR",
          "http://data.europa.eu/eli/reg/1971/1182/oj",
        ],
        basis: "statute",
        configurable: false,
        requestTypes: GDPR_RIGHTS,
        response: { unit: "months", amount: 1 },
        extension: { additional: 2, citation: "Art. 12(3) GDPR, second and third sentences" },
        lastDayOnNonWorkingDay: "moves-to-next-working-day",
        pauses: {
          allowed: true,
          why:
            "Art. 12(6) GDPR and EDPB Guidelines 01/2022 on the right of access (v2.1, section 5.3): with reasonable doubts about " +
            "identity the controller may ask for more information, and the period runs once it has it " +
            "(https://overview.legal/posts/38055)",
          resumes: {
            onDayOfEvent: false,
            citation:
              "Regulation (EEC, Euratom) 1182/71 Art. 3(1): the day of the event a period runs from is not counted, so the " +
              "clock runs again from the day after the person's answer",
          },
        },
      },
      companyPolicyRule(
        {
          id: "GDPR-COMPANY-POLICY",
          law: "GDPR, Regulation (EU) 2016/679",
          citation: "Art. 12(3) covers requests under Arts. 15–22 only; questions and complaints follow company policy",
          sources: ["https://eur-lex.europa.eu/eli/reg/2016/679/oj"],
          requestTypes: otherTypes(GDPR_RIGHTS),
        },
        policy.unregulatedRequests,
      ),
    ],
    RU_152_FZ: [
      {
        id: "RU-152-FZ-ART-14-20",
        law: "Russia, Federal Law of 27.07.2006 No. 152-FZ «On Personal Data»",
        citation:
          "152-FZ Art. 14 part 3 and Art. 20 parts 1–2, as amended by Federal Law of 14.07.2022 No. 266-FZ: ten working days from " +
          "the request, extendable by at most five working days by a reasoned notice to the subject giving the reasons",
        sources: [
          "https://www.consultant.ru/document/cons_doc_LAW_61801/",
          "https://zakonrf.info/doc-37386332",
          "https://docs.cntd.ru/document/468000292/titles/P9C8N6",
        ],
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
          law: "Russia, Federal Law of 27.07.2006 No. 152-FZ «On Personal Data»",
          citation: "152-FZ periods for requests other than access were not verified for this table; company policy mirrors Art. 20",
          sources: ["https://www.consultant.ru/document/cons_doc_LAW_61801/"],
          requestTypes: otherTypes(["ACCESS"]),
        },
        policy.russiaOtherRequests,
      ),
    ],
    CCPA: [
      {
        id: "CCPA-REGS-7021",
        law: "California, CCPA as amended by CPRA (Civ. Code §1798.100 et seq.)",
        citation:
          "Cal. Code Regs. tit. 11 §7021(a)–(b) and Civ. Code §1798.130(a)(2)(A): confirm receipt within 10 business days; respond " +
          "within 45 calendar days of receipt; once extendable by 45 more with notice and reasons within the first 45",
        sources: [
          "https://www.law.cornell.edu/regulations/california/11-CCR-7021",
          "https://advisori.com/cpra/%C2%A7-7021-timelines-for-responding-to-requests-to-delete-requests-to-correct-and-requests-to-know/",
          "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.130",
        ],
        basis: "statute",
        configurable: false,
        requestTypes: CCPA_KNOW_DELETE_CORRECT,
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
        law: "California, CCPA as amended by CPRA (Civ. Code §1798.100 et seq.)",
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
          law: "California, CCPA as amended by CPRA (Civ. Code §1798.100 et seq.)",
          citation: "The CCPA grants no such right or sets no period for it (restriction, objection, questions, complaints)",
          sources: ["https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.130"],
          requestTypes: otherTypes(CCPA_KNOW_DELETE_CORRECT, ["OPT_OUT_OF_SALE"]),
        },
        policy.unregulatedRequests,
      ),
    ],
    SG_PDPA: [
      {
        id: "SG-PDPA-REG-5",
        law: "Singapore, Personal Data Protection Act 2012",
        citation:
          "PDPA s. 21(1); Personal Data Protection Regulations 2021 reg. 4 (duty to respond) and reg. 5 (notification of " +
          "timeframe): respond as soon as reasonably possible, else tell the applicant in writing when it will respond",
        sources: [
          "https://sso.agc.gov.sg/SL-Supp/S63-2021/Published/20210129170000?DocDate=20210129170000&WholeDoc=1",
          "https://laws.sg/legislation/sub-leg-2012-pdpa-s63-2021/reg-4",
        ],
        basis: "statute",
        configurable: true,
        requestTypes: singaporeAccess,
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
          law: "Singapore, Personal Data Protection Act 2012",
          citation: "The PDPA sets no fixed period for requests other than access (correction: as soon as practicable, s. 22)",
          sources: ["https://sso.agc.gov.sg/SL-Supp/S63-2021/Published/20210129170000?DocDate=20210129170000&WholeDoc=1"],
          requestTypes: otherTypes(singaporeAccess),
        },
        policy.unregulatedRequests,
      ),
    ],
    PIPL: [
      companyPolicyRule(
        {
          id: "PIPL-ART-50",
          law: "China, Personal Information Protection Law",
          citation:
            "PIPL Art. 50: a handler must establish a convenient mechanism to accept and handle requests and give reasons when " +
            "refusing; it sets no time limit, so the deadline is the company's own commitment",
          sources: ["https://personalinformationprotectionlaw.com/PIPL/article-50/"],
          requestTypes: REQUEST_TYPES,
        },
        policy.china,
      ),
    ],
    OTHER: [
      companyPolicyRule(
        {
          id: "DEFAULT-COMPANY-POLICY",
          law: "No law in this table",
          citation: "Jurisdiction outside the rule table: the company's default commitment applies until a rule is added",
          sources: [],
          requestTypes: REQUEST_TYPES,
        },
        policy.otherJurisdictions,
      ),
    ],
  };
}

export const RULE_TABLE: RuleTable = buildRuleTable();

export function ruleFor(table: RuleTable, law: LawId, type: RequestType): DeadlineRule {
  const rule = table[law].find((candidate) => candidate.requestTypes.includes(type));
  if (!rule) throw new TypeError(`rule table has no ${law} rule for ${type}`);
  return rule;
}
