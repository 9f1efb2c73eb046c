/**
 * Data-protection authorities a person may complain to (P11), shown on escalation. Curated by hand: each entry
 * names the page its contact details were taken from. EEA countries without an entry get the EDPB's list of
 * member authorities, which links to each one.
 */
export interface DataProtectionAuthority {
  /** The jurisdiction this entry answers for: `RU`, `DE`, `US-CA`, or `EEA` for the EDPB list. */
  readonly jurisdiction: string;
  readonly name: string;
  readonly website: string;
  readonly complaintUrl?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: string;
  /** Where these details were taken from. */
  readonly source: string;
}

const EDPB_MEMBERS = "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en";

const AUTHORITIES: readonly DataProtectionAuthority[] = [
  {
    jurisdiction: "RU",
    name: "Roskomnadzor (Federal Service for Supervision of Communications, Information Technology and Mass Media)",
    website: "https://rkn.gov.ru",
    complaintUrl: "https://rkn.gov.ru/treatments/ask-question/",
    address: "Kitaygorodsky proezd 7, bld. 2, Moscow, Russia",
    source: "https://rkn.gov.ru/contacts/",
  },
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
  {
    jurisdiction: "EEA",
    name: "The data-protection authority of your EU/EEA country (list kept by the European Data Protection Board)",
    website: EDPB_MEMBERS,
    source: EDPB_MEMBERS,
  },
  {
    jurisdiction: "GB",
    name: "Information Commissioner's Office (ICO)",
    website: "https://ico.org.uk",
    complaintUrl: "https://ico.org.uk/make-a-complaint/",
    phone: "+44 303 123 1113",
    address: "Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, United Kingdom",
    source: "https://ico.org.uk/global/contact-us/",
  },
  {
    jurisdiction: "US-CA",
    name: "California Privacy Protection Agency (CPPA)",
    website: "https://cppa.ca.gov",
    complaintUrl: "https://cppa.ca.gov/webapplications/complaint",
    email: "info@cppa.ca.gov",
    phone: "+1 916-572-2900",
    source: "https://ca.gov/departments/315",
  },
  {
    jurisdiction: "SG",
    name: "Personal Data Protection Commission (PDPC)",
    website: "https://www.pdpc.gov.sg",
    complaintUrl: "https://www.pdpc.gov.sg/complaints-and-reviews",
    address: "10 Pasir Panjang Road, #03-01 Mapletree Business City, Singapore 117438",
    source: "https://www.pdpc.gov.sg/contact-us",
  },
  {
    jurisdiction: "CN",
    name: "Cyberspace Administration of China (CAC); illegal and harmful information reporting centre",
    website: "https://www.cac.gov.cn",
    complaintUrl: "https://www.12377.cn",
    source: "https://www.12377.cn",
  },
];

const EEA = new Set([
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "HU",
  "IE",
  "IS",
  "IT",
  "LI",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "NO",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
]);

/** The authority for a jurisdiction (`US-CA` before `US`), the EDPB list for other EEA countries, or null. */
export function authorityFor(jurisdiction: string): DataProtectionAuthority | null {
  const country = jurisdiction.slice(0, 2);
  return (
    AUTHORITIES.find((authority) => authority.jurisdiction === jurisdiction) ??
    AUTHORITIES.find((authority) => authority.jurisdiction === country) ??
    (EEA.has(country) ? (AUTHORITIES.find((authority) => authority.jurisdiction === "EEA") ?? null) : null)
  );
}

export const DATA_PROTECTION_AUTHORITIES = AUTHORITIES;
