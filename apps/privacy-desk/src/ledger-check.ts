// The consent ledger's hash chain, re-hashed in the browser from the gateway's JSON export, so the desk does not take
// the gateway's word for it: hash = SHA-256 hex of (previousHash + RFC 8785 JSON of the hashed fields), the first
// previousHash 64 zeros, sequences 1, 2, 3 … without gaps (apps/gateway/src/consent/ledger/hash-chain.ts).

/** The fields the hash covers; the export also carries the proof itself and the two chain links, which it does not. */
const HASHED_FIELDS = [
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
const GENESIS_HASH = "0".repeat(64);

type ExportedEvent = Record<string, string | number | boolean | null>;

export type BrowserVerification =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; sequence: number; problem: "gap" | "link" | "hash" };

/**
 * RFC 8785 for what the hashed fields hold (strings, integers, booleans, null): members sorted by their UTF-16 code
 * units, which is JavaScript's own sort, and values as JSON.stringify writes them, which RFC 8785 adopts for these.
 */
function canonicalJson(event: ExportedEvent): string {
  const members = HASHED_FIELDS.map((field) => [field, event[field] ?? null] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([field, value]) => `${JSON.stringify(field)}:${JSON.stringify(value)}`).join(",")}}`;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Checks every link of an export that starts at the tenant's first event. */
export async function verifyExportedChain(document: string): Promise<BrowserVerification> {
  const events = (JSON.parse(document) as ExportedEvent[]).sort((a, b) => Number(a.sequence) - Number(b.sequence));
  let previous = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const sequence = Number(event.sequence);
    if (sequence !== index + 1) return { ok: false, count: index, sequence: index + 1, problem: "gap" };
    if (event.previousHash !== previous) return { ok: false, count: index, sequence, problem: "link" };
    const hash = await sha256Hex(previous + canonicalJson(event));
    if (hash !== event.hash) return { ok: false, count: index, sequence, problem: "hash" };
    previous = hash;
  }
  return { ok: true, count: events.length, headHash: previous };
}
