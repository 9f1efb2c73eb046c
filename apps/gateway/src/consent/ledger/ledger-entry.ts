/**
 * What the public consent log commits to for each event, and what a receipt carries so its holder can recompute it:
 * the decision as the person sees it (target, decision, channel, times, notice, jurisdiction) and the event's link in
 * the hash chain (`ledgerHash`), which commits to the rest (internal ids, the proof's digest) without showing it.
 *
 * The subject is left out on purpose: erasure anonymises a subject, and a leaf must never change once published. The
 * receipt's signature binds the event to the person it was issued to.
 *
 * leaf input = RFC 8785 JSON of the entry; leaf hash = SHA-256(0x00 || leaf input) (merkle.ts).
 */
import canonicalize from "canonicalize";
import type { ConsentChannel, ConsentDecision } from "./consent-terms.ts";
import { type InstantInput, isoInstant } from "./dates.ts";
import { leafHash } from "./merkle.ts";

export const LEDGER_ENTRY_VERSION = "custos-consent-entry/1";

export interface LedgerEntry {
  v: typeof LEDGER_ENTRY_VERSION;
  eventId: string;
  /** Position in the tenant's chain; leaf index = sequence - 1. */
  sequence: number;
  /** The purpose's key, or `cookies:<category key>`. */
  target: string;
  decision: ConsentDecision;
  channel: ConsentChannel;
  occurredAt: string;
  expiresAt: string | null;
  jurisdiction: string | null;
  policyVersion: string | null;
  policyLanguage: string | null;
  ledgerHash: string;
}

export interface LedgerEntrySource {
  id: string;
  sequence: number;
  hash: string;
  decision: ConsentDecision;
  channel: ConsentChannel;
  occurredAt: InstantInput;
  expiresAt?: InstantInput | null;
  jurisdiction?: string | null;
  purpose?: { key: string } | null;
  cookieCategory?: { key: string } | null;
  policyVersion?: { version: string; language: string } | null;
}

export function targetKey(event: Pick<LedgerEntrySource, "purpose" | "cookieCategory">): string {
  return event.purpose ? event.purpose.key : `cookies:${event.cookieCategory?.key ?? ""}`;
}

export function ledgerEntry(event: LedgerEntrySource): LedgerEntry {
  return {
    v: LEDGER_ENTRY_VERSION,
    eventId: event.id,
    sequence: event.sequence,
    target: targetKey(event),
    decision: event.decision,
    channel: event.channel,
    occurredAt: isoInstant(event.occurredAt),
    expiresAt: event.expiresAt == null ? null : isoInstant(event.expiresAt),
    jurisdiction: event.jurisdiction ?? null,
    policyVersion: event.policyVersion?.version ?? null,
    policyLanguage: event.policyVersion?.language ?? null,
    ledgerHash: event.hash,
  };
}

export function ledgerEntryLeafHash(entry: LedgerEntry): string {
  const json = canonicalize(entry);
  if (json === undefined) throw new Error("canonicalize returned nothing for a plain object");
  return leafHash(json);
}
