import type { TransferMechanism } from "@custos/db/enums";

export interface Citation {
  article: string;
  url: string;
}

/** What a law asks for when personal data leaves its area. */
export interface TransferRule {
  /**
   * The law's name in a refused transfer's `violations` and `applicableLaws`: a published value, so it keeps the
   * spelling clients already read even where it differs from the law's id.
   */
  readonly reportedAs: string;
  readonly appliesWhen: string;
  /** Codes a register may give for people anywhere in the law's area, besides its countries ("EU", "EEA"). */
  readonly areaNames?: readonly string[];
  /** Any one of these satisfies the law's requirement for a legal ground. */
  readonly mechanisms: readonly TransferMechanism[];
  readonly mechanismCitation: Citation;
  /** What the rules check beyond the mechanism, and what they leave to people. */
  readonly notes: readonly string[];
}
