import type { NoticeAuthority } from "../outbox/notice-text.ts";
import { authorityFor } from "./authorities.ts";

/**
 * Authorities the law modules do not list one by one, for the notices: each EEA member's own authority (the law
 * module's catch-all is the EDPB's list) and, for Germany, the Land authorities. Decision for Germany: the company
 * has no establishment there, so a German resident complains where they live (GDPR Art. 77(1)); for companies that is
 * the supervisory authority of their Land (BDSG §40), not the federal commissioner, whom the law module names. Custos
 * does not know the person's Land, so the notice names the Land authority and links the Datenschutzkonferenz's list of
 * them. Websites as the EDPB's members page links them; names are in the notice catalogues (`authority.<code>`).
 */
const DIRECTORY: Readonly<Record<string, Omit<NoticeAuthority, "jurisdiction">>> = {
  DE: { website: "https://www.datenschutzkonferenz-online.de/datenschutzaufsichtsbehoerden.html" },
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

/** The authority a notice names for a jurisdiction, with its contacts; null when none is listed (the notice says so). */
export function competentAuthority(jurisdiction: string): NoticeAuthority | null {
  const country = jurisdiction.slice(0, 2);
  const own = DIRECTORY[country];
  if (own) return { jurisdiction: country, ...own };
  const listed = authorityFor(jurisdiction);
  if (!listed) return null;
  return {
    jurisdiction: listed.jurisdiction,
    name: listed.name,
    website: listed.website,
    complaintUrl: listed.complaintUrl ?? null,
    email: listed.email ?? null,
    address: listed.address ?? null,
  };
}
