export const TRANSFER_MECHANISMS = [
  "GDPR_ADEQUACY",
  "GDPR_STANDARD_CONTRACTUAL_CLAUSES",
  "GDPR_BINDING_CORPORATE_RULES",
  "GDPR_DEROGATION",
  "PIPL_SECURITY_ASSESSMENT",
  "PIPL_CERTIFICATION",
  "PIPL_STANDARD_CONTRACT",
  "RU_152FZ_PRIOR_NOTICE",
] as const;
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];

export type TransferLaw = "GDPR" | "PIPL" | "RU_152FZ";

export interface Citation {
  article: string;
  url: string;
}

export interface TransferRule {
  law: TransferLaw;
  appliesWhen: string;
  /** Any one of these satisfies the law's requirement for a legal ground. */
  mechanisms: readonly TransferMechanism[];
  mechanismCitation: Citation;
  /** What the rules check beyond the mechanism, and what they leave to people. */
  notes: readonly string[];
}

const GDPR_TEXT = "https://eur-lex.europa.eu/eli/reg/2016/679/oj";
const PIPL_ARTICLE_38 = "https://personalinformationprotectionlaw.com/PIPL/tag/state-cyberspace-administration/";
const PIPL_ARTICLE_39 = "https://laitimes.com/en/article/6vxm8_7c9w1.html";
const FZ_152_ARTICLE_12 = "https://legalacts.ru/doc/152_FZ-o-personalnyh-dannyh/glava-2/statja-12/";
const RKN_NOTICE_ORDER = "https://vm2-1.rkn.gov.ru/press/news/news74664.htm";

export const CITATIONS = {
  gdprMechanism: { article: "GDPR Art. 44-46, 47, 49", url: GDPR_TEXT },
  gdprAdequacy: { article: "GDPR Art. 45", url: GDPR_TEXT },
  piplMechanism: { article: "PIPL Art. 38", url: PIPL_ARTICLE_38 },
  piplConsentAndNotice: { article: "PIPL Art. 39", url: PIPL_ARTICLE_39 },
  fz152Notice: { article: "152-FZ Art. 12(3)-(4), as amended by 266-FZ (in force 1 March 2023)", url: FZ_152_ARTICLE_12 },
  iso3166: { article: "ISO 3166-1 alpha-2", url: "https://www.iso.org/iso-3166-country-codes.html" },
} satisfies Record<string, Citation>;

/** Which law asks for what when personal data leaves its area. The company exports from Shenzhen, China. */
export const TRANSFER_RULES: Record<TransferLaw, TransferRule> = {
  GDPR: {
    law: "GDPR",
    appliesWhen: "Any data subject is in the EU/EEA and the destination is outside the EEA.",
    mechanisms: ["GDPR_ADEQUACY", "GDPR_STANDARD_CONTRACTUAL_CLAUSES", "GDPR_BINDING_CORPORATE_RULES", "GDPR_DEROGATION"],
    mechanismCitation: CITATIONS.gdprMechanism,
    notes: [
      "GDPR_ADEQUACY only for a destination with a current adequacy decision (Art. 45); see EU_ADEQUACY.",
      "Canada and the United States are adequate only for the recipients their decisions cover (PIPEDA; Data Privacy Framework certification); the register's safeguards should say so.",
      "Art. 49 derogations are for occasional transfers, not for an ongoing processor relationship.",
    ],
  },
  PIPL: {
    law: "PIPL",
    appliesWhen:
      "The destination is outside mainland China (Hong Kong, Macao and Taiwan included): every transfer the company makes abroad.",
    mechanisms: ["PIPL_SECURITY_ASSESSMENT", "PIPL_CERTIFICATION", "PIPL_STANDARD_CONTRACT"],
    mechanismCitation: CITATIONS.piplMechanism,
    notes: [
      "Art. 39: the person must be told the recipient's name and contact, purpose, method, categories and how to use their rights abroad, and give separate consent.",
      "Not checked here: the impact assessment of Art. 55-56, and the CAC thresholds deciding which of the three mechanisms is required.",
    ],
  },
  RU_152FZ: {
    law: "RU_152FZ",
    appliesWhen: "Any data subject is a Russian resident and the destination is outside Russia.",
    mechanisms: ["RU_152FZ_PRIOR_NOTICE"],
    mechanismCitation: CITATIONS.fz152Notice,
    notes: [
      "The notice to Roskomnadzor must be filed before the transfer starts; the record keeps its reference and date.",
      `Not checked here: to a country outside Roskomnadzor's list of adequate countries, transfers must also wait 10 working days after the notice (${RKN_NOTICE_ORDER}).`,
    ],
  },
};

export const MECHANISM_LAW: Record<TransferMechanism, TransferLaw> = {
  GDPR_ADEQUACY: "GDPR",
  GDPR_STANDARD_CONTRACTUAL_CLAUSES: "GDPR",
  GDPR_BINDING_CORPORATE_RULES: "GDPR",
  GDPR_DEROGATION: "GDPR",
  PIPL_SECURITY_ASSESSMENT: "PIPL",
  PIPL_CERTIFICATION: "PIPL",
  PIPL_STANDARD_CONTRACT: "PIPL",
  RU_152FZ_PRIOR_NOTICE: "RU_152FZ",
};
