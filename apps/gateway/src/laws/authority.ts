/**
 * A data-protection authority a person may complain to (P11), shown on escalation. Curated by hand: each entry
 * names the page its contact details were taken from.
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
