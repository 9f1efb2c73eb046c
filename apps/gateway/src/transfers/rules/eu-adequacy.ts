export interface AdequacyDecision {
  country: string;
  /** What the decision covers when it is not the whole country; the recipient must fall inside it. */
  coverage: string | null;
  validUntil: Date | null;
}

/**
 * Countries with a current European Commission adequacy decision under GDPR Art. 45. Data, not logic:
 * the list changes when the Commission adopts, renews or withdraws a decision, so it carries its source.
 * Checked on 2026-11-24 against the Commission's page, Implementing Decision (EU) 2026/179 (Brazil,
 * 26 January 2026) and the renewal of the United Kingdom decisions of 19 December 2025 (to 27 December 2031).
 */
export const EU_ADEQUACY = {
  source: "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en",
  checkedOn: "2026-11-24",
  decisions: [
    { country: "AD", coverage: null, validUntil: null },
    { country: "AR", coverage: null, validUntil: null },
    { country: "BR", coverage: null, validUntil: null },
    { country: "CA", coverage: "commercial organisations subject to PIPEDA", validUntil: null },
    { country: "CH", coverage: null, validUntil: null },
    { country: "FO", coverage: null, validUntil: null },
    { country: "GB", coverage: null, validUntil: new Date("2031-12-27T23:59:59.999Z") },
    { country: "GG", coverage: null, validUntil: null },
    { country: "IL", coverage: null, validUntil: null },
    { country: "IM", coverage: null, validUntil: null },
    { country: "JE", coverage: null, validUntil: null },
    { country: "JP", coverage: null, validUntil: null },
    { country: "KR", coverage: null, validUntil: null },
    { country: "NZ", coverage: null, validUntil: null },
    { country: "US", coverage: "organisations certified under the EU-US Data Privacy Framework", validUntil: null },
    { country: "UY", coverage: null, validUntil: null },
  ] as readonly AdequacyDecision[],
};

export function adequacyDecisionFor(country: string, at: Date): AdequacyDecision | undefined {
  return EU_ADEQUACY.decisions.find(
    (decision) => decision.country === country && (decision.validUntil === null || at <= decision.validUntil),
  );
}
