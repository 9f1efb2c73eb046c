import type { RequestType } from "@custos/db/enums";
import { atOnceObjection, companyPolicyRule, otherTypes } from "./deadline-rule.ts";
import { EEA_TIME_ZONES } from "./eea.ts";
import { defineLaw } from "./law.ts";
import type { Citation } from "./transfer-rule.ts";

const LAW = "GDPR, Regulation (EU) 2016/679";
const GDPR_TEXT = "https://eur-lex.europa.eu/eli/reg/2016/679/oj";
const EDPB_MEMBERS = "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en";

const RIGHTS: readonly RequestType[] = ["ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION", "PORTABILITY", "OBJECTION", "OPT_OUT_OF_SALE"];

export const ADEQUACY_CITATION: Citation = { article: "GDPR Art. 45", url: GDPR_TEXT };

export const gdpr = defineLaw({
  id: "GDPR",
  timeZones: EEA_TIME_ZONES,
  companyPolicy: {},
  deadlineRules: (policy) => [
    {
      id: "GDPR-ART-12-3",
      law: LAW,
      citation:
        "Art. 12(3) GDPR: one month of receipt, extendable by two further months, with the person told of the extension and " +
        "its reasons within the first month; time limits per Regulation (EEC, Euratom) 1182/71 Art. 3",
      sources: [GDPR_TEXT, "https://gdprhub.eu/index.php?title=Article_12_GDPR", "http://data.europa.eu/eli/reg/1971/1182/oj"],
      basis: "statute",
      configurable: false,
      requestTypes: RIGHTS,
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
    atOnceObjection({
      id: "GDPR-ART-21-3",
      law: LAW,
      citation:
        "Art. 21(3) GDPR: where the person objects to processing for direct marketing, the data shall no longer be processed " +
        "for such purposes (an absolute right, Art. 21(2)); acted on at once, the month of Art. 12(3) being only the outer " +
        "limit for telling the person",
      sources: [GDPR_TEXT, "https://gdprhub.eu/index.php?title=Article_21_GDPR"],
    }),
    companyPolicyRule(
      {
        id: "GDPR-COMPANY-POLICY",
        law: LAW,
        citation: "Art. 12(3) covers requests under Arts. 15–22 only; questions and complaints follow company policy",
        sources: [GDPR_TEXT],
        requestTypes: otherTypes(RIGHTS),
      },
      policy.unregulatedRequests,
    ),
  ],
  authorities: [
    {
      jurisdiction: "DE",
      name: "Der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI); complaints about companies go to the Land authority",
      website: "https://www.bfdi.bund.de",
      email: "poststelle@bfdi.bund.de",
      address: "Graurheindorfer Str. 153, 53117 Bonn, Germany",
      source: EDPB_MEMBERS,
    },
    {
      jurisdiction: "FR",
      name: "Commission Nationale de l'Informatique et des Libertés (CNIL)",
      website: "https://www.cnil.fr",
      complaintUrl: "https://www.cnil.fr/fr/plaintes",
      address: "3 Place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France",
      source: EDPB_MEMBERS,
    },
    {
      jurisdiction: "IE",
      name: "Data Protection Commission",
      website: "https://www.dataprotection.ie",
      address: "21 Fitzwilliam Square South, Dublin 2, D02 RD28, Ireland",
      source: EDPB_MEMBERS,
    },
    {
      jurisdiction: "NL",
      name: "Autoriteit Persoonsgegevens",
      website: "https://autoriteitpersoonsgegevens.nl",
      address: "Postbus 93374, 2509 AJ Den Haag, Netherlands",
      source: EDPB_MEMBERS,
    },
    {
      jurisdiction: "ES",
      name: "Agencia Española de Protección de Datos (AEPD)",
      website: "https://www.aepd.es",
      address: "C/ Jorge Juan 6, 28001 Madrid, Spain",
      source: EDPB_MEMBERS,
    },
    {
      jurisdiction: "IT",
      name: "Garante per la protezione dei dati personali",
      website: "https://www.garanteprivacy.it",
      email: "protocollo@gpdp.it",
      address: "Piazza Venezia 11, 00187 Roma, Italy",
      source: EDPB_MEMBERS,
    },
    {
      jurisdiction: "PL",
      name: "Urząd Ochrony Danych Osobowych (UODO)",
      website: "https://uodo.gov.pl",
      address: "ul. Stawki 2, 00-193 Warszawa, Poland",
      source: EDPB_MEMBERS,
    },
  ],
  // The EDPB's list of member authorities links to each one, so no EEA country is left without an authority.
  fallbackAuthority: {
    jurisdiction: "EEA",
    name: "The data-protection authority of your EU/EEA country (list kept by the European Data Protection Board)",
    website: EDPB_MEMBERS,
    source: EDPB_MEMBERS,
  },
  transfer: {
    reportedAs: "GDPR",
    appliesWhen: "Any data subject is in the EU/EEA and the destination is outside the EEA.",
    areaNames: ["EU", "EEA"],
    mechanisms: ["GDPR_ADEQUACY", "GDPR_STANDARD_CONTRACTUAL_CLAUSES", "GDPR_BINDING_CORPORATE_RULES", "GDPR_DEROGATION"],
    mechanismCitation: { article: "GDPR Art. 44-46, 47, 49", url: GDPR_TEXT },
    notes: [
      "GDPR_ADEQUACY only for a destination with a current adequacy decision (Art. 45); see EU_ADEQUACY.",
      "Canada and the United States are adequate only for the recipients their decisions cover (PIPEDA; Data Privacy Framework certification); the register's safeguards should say so.",
      "Art. 49 derogations are for occasional transfers, not for an ongoing processor relationship.",
    ],
  },
});
