import { NOTICE_CATALOGUES } from "../outbox/notice-messages.ts";
import type { NoticeAuthority } from "../outbox/notice-text.ts";
import { authorityFor, type DataProtectionAuthority } from "./authorities.ts";

const EDPB_MEMBERS = "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en";
const DSK_AUTHORITIES = "https://www.datenschutzkonferenz-online.de/datenschutzaufsichtsbehoerden.html";

/**
 * Authorities the law modules do not list one by one, for the notices and the API: each EEA member's own authority (the law
 * module's catch-all is the EDPB's list) and, for Germany, the Land authorities. Decision for Germany: the company
 * has no establishment there, so a German resident complains where they live (GDPR Art. 77(1)); for companies that is
 * the supervisory authority of their Land (BDSG §40), not the federal commissioner, whom the law module names. Custos
 * does not know the person's Land, so the notice names the Land authority and links the Datenschutzkonferenz's list of
 * them. Websites as the EDPB's members page links them; names are in the notice catalogues (`authority.<code>`), and
 * the API gives the English one.
 */
const DIRECTORY: Readonly<Record<string, { website: string }>> = {
  DE: { website: DSK_AUTHORITIES },
  AT: { website: "https://www.dsb.gv.at" },
  BE: { website: "https://www.dataprotectionauthority.be" },
  BG: { website: "https://www.cpdp.bg" },
  CY: { website: "https://www.dataprotection.gov.cy" },
  CZ: { website: "https://uoou.gov.cz" },
  DK: { website: "https://www.datatilsynet.dk" },
  EE: { website: "https://www.aki.ee" },
  FI: { website: "https://tietosuoja.fi" },
  GR: { website: "https://www.dpa.gr" },
  HR: { website: "https://azop.hr" },
  HU: { website: "https://naih.hu" },
  IS: { website: "https://www.personuvernd.is" },
  LI: { website: "https://www.datenschutzstelle.li" },
  LT: { website: "https://vdai.lrv.lt" },
  LU: { website: "https://cnpd.public.lu" },
  LV: { website: "https://www.dvi.gov.lv" },
  MT: { website: "https://idpc.org.mt" },
  NO: { website: "https://www.datatilsynet.no" },
  PT: { website: "https://www.cnpd.pt" },
  RO: { website: "https://www.dataprotection.ro" },
  SE: { website: "https://www.imy.se" },
  SI: { website: "https://www.ip-rs.si" },
  SK: { website: "https://dataprotection.gov.sk" },
};

/** The English catalogue's name, as a name stands on its own: "Austrian Data Protection Authority (Datenschutzbehörde)". */
function englishName(code: string): string {
  const phrase = (NOTICE_CATALOGUES.en as Record<string, string>)[`authority.${code}`] ?? code;
  const name = phrase.replace(/^the /, "");
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The authority competent for a complaint about the company from a person in this jurisdiction: the directory's
 * (Germany's Land authorities, each EEA country's own) before the law module's; null when none is listed.
 */
export function competentAuthority(jurisdiction: string): DataProtectionAuthority | null {
  const country = jurisdiction.slice(0, 2);
  const own = DIRECTORY[country];
  if (!own) return authorityFor(jurisdiction);
  return {
    jurisdiction: country,
    name: englishName(country),
    website: own.website,
    source: country === "DE" ? DSK_AUTHORITIES : EDPB_MEMBERS,
  };
}

/** The authority as a notice carries it: the catalogue names it by jurisdiction, in the notice's language. */
export function noticeAuthority(jurisdiction: string): NoticeAuthority | null {
  const authority = competentAuthority(jurisdiction);
  if (!authority) return null;
  return {
    jurisdiction: authority.jurisdiction,
    name: authority.name,
    website: authority.website,
    complaintUrl: authority.complaintUrl ?? null,
    email: authority.email ?? null,
    address: authority.address ?? null,
  };
}
