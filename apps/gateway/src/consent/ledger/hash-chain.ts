/**
 * Tamper evidence for the consent ledger: every event carries
 *
 *   hash = sha256_hex( previousHash + canonicalJson(hashed fields) )
 *
 * where `previousHash` is the hash of the tenant's previous event (or GENESIS_HASH for its first event), the
 * concatenation is of two strings encoded as UTF-8, and canonicalJson is RFC 8785 (JSON Canonicalization Scheme),
 * so the digest does not depend on key order or number formatting of whoever recomputes it.
 *
 * One chain per tenant, ordered by `sequence` (1, 2, 3, ... assigned while the service holds the tenant's lock):
 * - per tenant, because a tenant is one controller whose ledger is audited and exported as a whole, and a per-subject
 *   chain could not reveal that every event of one subject was removed; one chain per tenant also keeps tenants from
 *   contending for a global lock;
 * - by a gap-free integer rather than `occurredAt`, because timestamps can tie or step backwards and a missing row
 *   leaves no trace in a run of timestamps, whereas a missing sequence number is visible at once.
 * Truncating the newest events cannot be detected from the rows alone: compare `head` from `verifyChain` with the head
 * the service stores when it appends.
 *
 * The proof fields (user agent, IP hash, page URL) are hashed through `proofDigest`, stored in its own column: erasing
 * a person nulls the proof but keeps the digest, so the chain still verifies after an erasure and an edit of the digest
 * is still seen.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { ConsentChannel, ConsentDecision } from "./consent-terms.ts";
import { type InstantInput, isoInstant } from "./dates.ts";

/** The `previousHash` of a tenant's first event: 64 zeros, the width of a SHA-256 hex digest. */
export const GENESIS_HASH = "0".repeat(64);

/** Where a chain continues from: the last verified or appended event, or GENESIS before the first one. */
export interface ChainLink {
  sequence: number;
  hash: string;
}

export const GENESIS: ChainLink = { sequence: 0, hash: GENESIS_HASH };

/** A consent event as recorded. Optional fields hash as null, so an absent value and a stored NULL verify alike. */
export interface ConsentEventRecord {
  id: string;
  tenantId: string;
  subjectId: string;
  purposeId?: string | null;
  cookieCategoryId?: string | null;
  decision: ConsentDecision;
  channel: ConsentChannel;
  policyVersionId?: string | null;
  /** ISO 3166 code of the law the decision was made under, e.g. `RU` or `US-CA`. */
  jurisdiction?: string | null;
  occurredAt: InstantInput;
  expiresAt?: InstantInput | null;
  /** The proof itself: not hashed directly, and nulled when the person is erased. */
  userAgent?: string | null;
  ipHash?: string | null;
  pageUrl?: string | null;
  /** `proofDigest` of the proof as recorded; null when there was no proof. */
  proofDigest?: string | null;
  /** Whether the Global Privacy Control signal accompanied the decision; null when the channel could not tell. */
  gpc?: boolean | null;
  /** IAB TCF consent string, when the storefront's CMP sent one. */
  tcString?: string | null;
  /** IAB Global Privacy Platform string, when the storefront's CMP sent one. */
  gppString?: string | null;
}

/** Exactly the fields the hash covers. `idempotencyKey` is left out: it is a retry token, not part of the decision. */
export const HASHED_FIELDS = [
  "sequence",
  "id",
  "tenantId",
  "subjectId",
  "purposeId",
  "cookieCategoryId",
  "decision",
  "channel",
  "policyVersionId",
  "jurisdiction",
  "occurredAt",
  "expiresAt",
  "proofDigest",
  "gpc",
  "tcString",
  "gppString",
] as const;

type HashedPayload = Record<(typeof HASHED_FIELDS)[number], string | number | boolean | null>;

export interface ChainFields {
  sequence: number;
  previousHash: string;
  hash: string;
}

export type ChainedConsentEvent = ConsentEventRecord & ChainFields;

export interface EventProof {
  userAgent?: string | null;
  ipHash?: string | null;
  pageUrl?: string | null;
}

/** SHA-256 hex of the RFC 8785 JSON of the proof fields, or null when none was given. */
export function proofDigest(proof: EventProof): string | null {
  const fields = { userAgent: proof.userAgent ?? null, ipHash: proof.ipHash ?? null, pageUrl: proof.pageUrl ?? null };
  if (fields.userAgent === null && fields.ipHash === null && fields.pageUrl === null) return null;
  return createHash("sha256")
    .update(canonicalize(fields) ?? "", "utf8")
    .digest("hex");
}

/** Every hashed field but the sequence, as the chain and the exports both write them. */
export function hashedFields(event: ConsentEventRecord): Omit<HashedPayload, "sequence"> {
  return {
    id: event.id,
    tenantId: event.tenantId,
    subjectId: event.subjectId,
    purposeId: event.purposeId ?? null,
    cookieCategoryId: event.cookieCategoryId ?? null,
    decision: event.decision,
    channel: event.channel,
    policyVersionId: event.policyVersionId ?? null,
    jurisdiction: event.jurisdiction ?? null,
    occurredAt: isoInstant(event.occurredAt),
    expiresAt: event.expiresAt == null ? null : isoInstant(event.expiresAt),
    proofDigest: event.proofDigest ?? null,
    gpc: event.gpc ?? null,
    tcString: event.tcString ?? null,
    gppString: event.gppString ?? null,
  };
}

/** The RFC 8785 JSON of the hashed fields; dates as UTC ISO strings with milliseconds, as PostgreSQL keeps them. */
export function canonicalEventJson(event: ConsentEventRecord, sequence: number): string {
  const payload: HashedPayload = { sequence, ...hashedFields(event) };
  const json = canonicalize(payload);
  if (json === undefined) throw new Error("canonicalize returned nothing for a plain object");
  return json;
}

const SEQUENCE_KEY = '"sequence":';

/**
 * `canonicalEventJson` with the sequence left out: the text before and after its digits. A writer that learns its
 * sequence only inside the database (the consent sequencer, ledger-batch.ts) joins them there, so it hashes the
 * same JSON. A string value cannot contain the key, as JSON escapes the quotes inside strings.
 */
export function canonicalEventJsonAroundSequence(event: ConsentEventRecord): { before: string; after: string } {
  const json = canonicalEventJson(event, 0);
  const at = json.indexOf(`${SEQUENCE_KEY}0`) + SEQUENCE_KEY.length;
  return { before: json.slice(0, at), after: json.slice(at + 1) };
}

export function consentEventHash(previousHash: string, event: ConsentEventRecord, sequence: number): string {
  return createHash("sha256")
    .update(previousHash + canonicalEventJson(event, sequence), "utf8")
    .digest("hex");
}

/** The chain fields for the event appended after `previous`; call it while holding the tenant's ledger lock. */
export function chainEvent(event: ConsentEventRecord, previous: ChainLink): ChainFields {
  const sequence = previous.sequence + 1;
  return { sequence, previousHash: previous.hash, hash: consentEventHash(previous.hash, event, sequence) };
}

export type ChainBreak =
  | { kind: "SEQUENCE_GAP"; sequence: number; eventId: string; expectedSequence: number }
  | { kind: "PREVIOUS_MISMATCH" | "HASH_MISMATCH"; sequence: number; eventId: string; expectedHash: string; foundHash: string };

export type ChainVerification = { ok: true; count: number; head: ChainLink } | { ok: false; verifiedCount: number; firstBreak: ChainBreak };

/**
 * Checks events in the order given (read them `ORDER BY sequence`), starting after `from`, so a long ledger can be
 * verified page by page by passing the previous page's `head`. Reports the first broken link:
 * - SEQUENCE_GAP: the sequence is not the previous one plus one (a row deleted, inserted or moved);
 * - PREVIOUS_MISMATCH: the event does not point at the hash of the event before it (a row rewritten and rehashed);
 * - HASH_MISMATCH: the stored hash is not the hash of the stored fields (a row edited in place).
 */
export function verifyChain(events: readonly ChainedConsentEvent[], from: ChainLink = GENESIS): ChainVerification {
  let head = from;
  for (const [index, event] of events.entries()) {
    const link = { sequence: event.sequence, eventId: event.id };
    if (event.sequence !== head.sequence + 1) {
      return { ok: false, verifiedCount: index, firstBreak: { kind: "SEQUENCE_GAP", ...link, expectedSequence: head.sequence + 1 } };
    }
    if (event.previousHash !== head.hash) {
      const firstBreak: ChainBreak = { kind: "PREVIOUS_MISMATCH", ...link, expectedHash: head.hash, foundHash: event.previousHash };
      return { ok: false, verifiedCount: index, firstBreak };
    }
    const expectedHash = consentEventHash(head.hash, event, event.sequence);
    if (event.hash !== expectedHash) {
      return { ok: false, verifiedCount: index, firstBreak: { kind: "HASH_MISMATCH", ...link, expectedHash, foundHash: event.hash } };
    }
    head = { sequence: event.sequence, hash: event.hash };
  }
  return { ok: true, count: events.length, head };
}
