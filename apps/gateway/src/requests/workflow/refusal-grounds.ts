import { CustosError } from "../../ground/errors.ts";
import { lawFor } from "../../laws/registry.ts";

/**
 * The legal grounds a refusal may rest on, per law: 152-FZ Art. 20(2) wants a reasoned answer citing Art. 14(8) or
 * another federal law, GDPR Art. 12(4) the reasons for not acting, CCPA §1798.105(d) its exceptions. Staff pick one;
 * their own words only add to it. The notice cites the ground in the person's language (`refusal.<GROUND>` in the
 * notice catalogues). `laws` lists the law ids (or countries: GB for the UK GDPR, whichever law module claims it) it
 * applies under; `ANY` grounds apply under every law, including the jurisdictions no law module covers. A ground that
 * names no law itself needs staff's explanation.
 */
export const REFUSAL_GROUNDS = {
  RU_152_ART_14_3_IDENTITY: { laws: ["RU_152_FZ"], citation: "152-FZ Art. 14(3)", explain: false },
  RU_152_ART_14_5_REPEATED: { laws: ["RU_152_FZ"], citation: "152-FZ Art. 14(4)-(6)", explain: false },
  RU_152_ART_14_8_ITEM_3_AML: { laws: ["RU_152_FZ"], citation: "152-FZ Art. 14(8)(3)", explain: false },
  RU_152_ART_14_8_ITEM_4_THIRD_PARTIES: { laws: ["RU_152_FZ"], citation: "152-FZ Art. 14(8)(4)", explain: false },
  RU_152_ART_14_8_FEDERAL_LAW: { laws: ["RU_152_FZ"], citation: "152-FZ Art. 14(8), naming the federal law", explain: true },
  RU_152_ART_21_5_OTHER_BASIS: { laws: ["RU_152_FZ"], citation: "152-FZ Art. 6(1)(2)-(11), Art. 21(5)", explain: false },
  GDPR_ART_12_2_CANNOT_IDENTIFY: { laws: ["GDPR", "GB"], citation: "GDPR Art. 11(2), 12(2)", explain: false },
  GDPR_ART_12_5_MANIFESTLY_UNFOUNDED: { laws: ["GDPR", "GB"], citation: "GDPR Art. 12(5)(b)", explain: true },
  GDPR_ART_12_5_EXCESSIVE: { laws: ["GDPR", "GB"], citation: "GDPR Art. 12(5)(b)", explain: true },
  GDPR_ART_15_4_RIGHTS_OF_OTHERS: { laws: ["GDPR", "GB"], citation: "GDPR Art. 15(4)", explain: false },
  GDPR_ART_17_3_B_LEGAL_OBLIGATION: { laws: ["GDPR", "GB"], citation: "GDPR Art. 17(3)(b)", explain: false },
  GDPR_ART_17_3_E_LEGAL_CLAIMS: { laws: ["GDPR", "GB"], citation: "GDPR Art. 17(3)(e)", explain: false },
  GDPR_ART_21_1_COMPELLING_GROUNDS: { laws: ["GDPR", "GB"], citation: "GDPR Art. 21(1)", explain: true },
  CCPA_UNVERIFIABLE: { laws: ["CCPA"], citation: "Cal. Civ. Code §1798.140(ak); 11 CCR §§7060-7062", explain: false },
  CCPA_105_D_1_TRANSACTION: { laws: ["CCPA"], citation: "Cal. Civ. Code §1798.105(d)(1)", explain: false },
  CCPA_105_D_2_SECURITY: { laws: ["CCPA"], citation: "Cal. Civ. Code §1798.105(d)(2)", explain: false },
  CCPA_105_D_8_LEGAL_OBLIGATION: { laws: ["CCPA"], citation: "Cal. Civ. Code §1798.105(d)(8)", explain: false },
  IDENTITY_NOT_VERIFIED: { laws: ["ANY"], citation: "identity could not be verified", explain: false },
  MANIFESTLY_UNFOUNDED_OR_EXCESSIVE: { laws: ["ANY"], citation: "manifestly unfounded or excessive", explain: true },
  OTHER_LEGAL_GROUND: { laws: ["ANY"], citation: "a legal ground staff name in the explanation", explain: true },
} as const satisfies Record<string, { laws: readonly string[]; citation: string; explain: boolean }>;

export type RefusalGround = keyof typeof REFUSAL_GROUNDS;
export const REFUSAL_GROUND_KEYS = Object.keys(REFUSAL_GROUNDS) as RefusalGround[];

/** Whether a refusal under the law of `jurisdiction` (ISO 3166, e.g. RU, DE, US-CA) may rest on `ground`. */
function appliesUnder(ground: RefusalGround, jurisdiction: string): boolean {
  const laws: readonly string[] = REFUSAL_GROUNDS[ground].laws;
  return laws.includes("ANY") || laws.includes(lawFor(jurisdiction).id) || laws.includes(jurisdiction.slice(0, 2));
}

/** The grounds a refusal of a request under `jurisdiction` may cite: its own law's first, then those of every law (the list's order). */
export function refusalGroundsFor(jurisdiction: string): RefusalGround[] {
  return REFUSAL_GROUND_KEYS.filter((ground) => appliesUnder(ground, jurisdiction));
}

/** The ground fits the request's law and, where it names no law itself, comes with staff's explanation. */
export function checkRefusalGround(jurisdiction: string, ground: RefusalGround | null | undefined, explanation: string | undefined) {
  if (!ground)
    throw new CustosError("REASON_REQUIRED", "A rejection needs refusalGround, the legal ground from the list; it is cited to the person.");
  const entry = REFUSAL_GROUNDS[ground];
  const law = lawFor(jurisdiction).id;
  const laws: readonly string[] = entry.laws;
  if (!appliesUnder(ground, jurisdiction)) {
    throw new CustosError(
      "REFUSAL_GROUND_NOT_APPLICABLE",
      `${ground} is a ground under ${laws.join(", ")}; this request falls under ${law}.`,
    );
  }
  if (entry.explain && !explanation) {
    throw new CustosError("REASON_REQUIRED", `${ground} needs a reason: say why it applies; it is sent to the person.`);
  }
}
