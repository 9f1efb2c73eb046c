/**
 * The laws a legal hold may rest on, told to a person whose erasure it stops (`hold.ground.<GROUND>` in the notice
 * catalogues). The period comes from the hold's own `expiresAt`; a hold without a ground is described with its
 * reason, as staff wrote it.
 */
export const LEGAL_HOLD_GROUNDS = {
  RU_ACCOUNTING: "Russian Federal Law No. 402-FZ on Accounting, Art. 29 (accounting documents)",
  RU_TAX: "Russian Tax Code, Art. 23 (documents needed for taxes)",
  EU_LEGAL_OBLIGATION: "A legal obligation under EU or member-state law (GDPR Art. 17(3)(b))",
  LEGAL_CLAIMS: "The establishment, exercise or defence of legal claims, or a court's order",
} as const;

export type LegalHoldGround = keyof typeof LEGAL_HOLD_GROUNDS;
