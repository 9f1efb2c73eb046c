// Verifies what the gateway publishes, offline: a signed consent receipt with its inclusion proof, a checkpoint, and
// two checkpoints' consistency, against the controller's published keys (GET /.well-known/custos/<tenant>/keys).
// No database, no credentials: everything checked is in the documents given.
import canonicalize from "canonicalize";
import { compactVerify, flattenedVerify, importJWK, type JWK } from "jose";
import { verifyConsistency as consistent, leafHash, verifyInclusion } from "./merkle.ts";

/** A key as the controller publishes it: an Ed25519 JWK with the time it signed from and until. */
export interface PublishedKey extends JWK {
  kid: string;
  validFrom: string;
  validUntil: string | null;
}

export interface PublishedKeys {
  keys: PublishedKey[];
}

/** The event's entry in the public consent log, as the receipt carries it. */
export interface LedgerEntry {
  v: string;
  eventId: string;
  sequence: number;
  target: string;
  decision: "GRANTED" | "WITHDRAWN";
  channel: string;
  occurredAt: string;
  expiresAt: string | null;
  jurisdiction: string | null;
  policyVersion: string | null;
  policyLanguage: string | null;
  ledgerHash: string;
}

/** What `consent.signedReceipt` returns and a person downloads (custos-signed-receipt/1). */
export interface SignedReceipt {
  format: "custos-signed-receipt/1";
  receipt: Record<string, unknown>;
  /** Detached compact JWS over the RFC 8785 JSON of `receipt`. */
  signature: string;
  inclusionProof: { leafIndex: number; treeSize: number; auditPath: string[] };
  /** The checkpoint the proof leads to, as a compact JWS. */
  checkpoint: string;
}

export interface Checkpoint {
  log: string;
  treeSize: number;
  rootHash: string;
  issuedAt: string;
}

export type Verification<T> = ({ valid: true } & T) | { valid: false; reason: string };

const invalid = (reason: string): { valid: false; reason: string } => ({ valid: false, reason });

function keyFor(keys: PublishedKeys, jws: string): PublishedKey | string {
  let header: { kid?: unknown; alg?: unknown };
  try {
    const [encoded = ""] = jws.split(".");
    header = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(encoded.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))),
    );
  } catch {
    return "the signature is not a JWS";
  }
  if (header.alg !== "EdDSA") return `the signature's algorithm is ${String(header.alg)}, not EdDSA`;
  const key = keys.keys.find((candidate) => candidate.kid === header.kid);
  return key ?? `no published key has the id ${String(header.kid)}`;
}

function validAt(key: PublishedKey, instant: string): boolean {
  const at = Date.parse(instant);
  return at >= Date.parse(key.validFrom) && (key.validUntil === null || at <= Date.parse(key.validUntil));
}

const publicKey = (key: PublishedKey) => importJWK({ kty: key.kty, crv: key.crv, x: key.x }, "EdDSA");

/** Checks a checkpoint's signature by one of the keys, valid at the checkpoint's time, and returns what it says. */
export async function verifyCheckpoint(
  checkpoint: string | { jws: string },
  keys: PublishedKeys,
): Promise<Verification<{ checkpoint: Checkpoint }>> {
  const jws = typeof checkpoint === "string" ? checkpoint : checkpoint.jws;
  const key = keyFor(keys, jws);
  if (typeof key === "string") return invalid(`checkpoint: ${key}`);
  let payload: Checkpoint;
  try {
    payload = JSON.parse(new TextDecoder().decode((await compactVerify(jws, await publicKey(key))).payload)) as Checkpoint;
  } catch {
    return invalid("checkpoint: the signature does not verify with the published key");
  }
  if (typeof payload.treeSize !== "number" || typeof payload.rootHash !== "string" || typeof payload.issuedAt !== "string") {
    return invalid("checkpoint: not a consent log checkpoint");
  }
  if (!validAt(key, payload.issuedAt)) return invalid(`checkpoint: signed at ${payload.issuedAt}, outside key ${key.kid}'s validity`);
  return { valid: true, checkpoint: payload };
}

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const types = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** That the receipt says what its log entry says: the same event, decision, time and purpose. */
function entryMatchesReceipt(entry: LedgerEntry, receipt: Json): string | null {
  const record = asRecord(receipt["dpv:hasRecordOfActivity"]);
  if (record["dct:identifier"] !== entry.eventId) return "the log entry is for another event than the receipt";
  const purpose = asRecord(asRecord(record["dpv:hasProcess"])["dpv:hasPurpose"]);
  if (purpose["dct:identifier"] !== entry.target) return "the log entry is for another purpose than the receipt";
  const statuses = Array.isArray(record["dpv:hasConsentStatus"]) ? record["dpv:hasConsentStatus"].map(asRecord) : [];
  const status = statuses.find((candidate) => candidate["dct:identifier"] === entry.eventId);
  if (!status || status["dpv:isIndicatedAtTime"] !== entry.occurredAt) return "the receipt has no status for the event at its time";
  const granted = types(status["@type"]).some((type) => type === "dpv:ConsentGiven" || type === "dpv:RenewedConsentGiven");
  if (granted !== (entry.decision === "GRANTED")) return "the receipt's decision is not the one in the log";
  return null;
}

export interface ReceiptFacts {
  eventId: string;
  decision: "GRANTED" | "WITHDRAWN";
  target: string;
  occurredAt: string;
  checkpoint: Checkpoint;
  keyId: string;
}

/**
 * Verifies a downloaded receipt: its signature by the controller's key (valid when the receipt was issued), that its
 * log entry is the event it describes and hashes to the leaf it names, and that the leaf is in the checkpoint's tree.
 * `options.checkpoint`: one you kept or fetched yourself; it must be the one the receipt's proof is for.
 */
export async function verifyReceipt(
  document: SignedReceipt | string,
  keys: PublishedKeys,
  options: { checkpoint?: string | { jws: string } } = {},
): Promise<Verification<ReceiptFacts>> {
  let bundle: SignedReceipt;
  try {
    bundle = typeof document === "string" ? (JSON.parse(document) as SignedReceipt) : document;
  } catch {
    return invalid("the receipt is not JSON");
  }
  if (bundle?.format !== "custos-signed-receipt/1") return invalid("not a Custos signed receipt (custos-signed-receipt/1)");
  const checked = await verifyCheckpoint(options.checkpoint ?? bundle.checkpoint, keys);
  if (!checked.valid) return checked;
  const { checkpoint } = checked;

  const key = keyFor(keys, bundle.signature);
  if (typeof key === "string") return invalid(`receipt: ${key}`);
  const [protectedHeader = "", , signature = ""] = bundle.signature.split(".");
  const payload = b64url(new TextEncoder().encode(canonicalize(bundle.receipt) ?? ""));
  try {
    await flattenedVerify({ protected: protectedHeader, payload, signature }, await publicKey(key));
  } catch {
    return invalid("receipt: the signature does not verify: the receipt was changed, or another key signed it");
  }
  const created = String(bundle.receipt["dct:created"]);
  if (!validAt(key, created)) return invalid(`receipt: issued at ${created}, outside key ${key.kid}'s validity`);

  const provenance = asRecord(asRecord(bundle.receipt["dpv:hasRecordOfActivity"])["dct:provenance"]);
  const entry = provenance.ledgerEntry as LedgerEntry | undefined;
  if (!entry) return invalid("receipt: it carries no log entry");
  const leaf = await leafHash(canonicalize(entry) ?? "");
  if (leaf !== provenance["rdf:value"]) return invalid("receipt: its log entry does not hash to the leaf it names");
  const mismatch = entryMatchesReceipt(entry, bundle.receipt);
  if (mismatch) return invalid(`receipt: ${mismatch}`);

  const proof = bundle.inclusionProof;
  if (proof.treeSize !== checkpoint.treeSize) {
    return invalid(`the inclusion proof is for a log of ${proof.treeSize} events, the checkpoint is of ${checkpoint.treeSize}`);
  }
  if (proof.leafIndex !== entry.sequence - 1) return invalid("the inclusion proof is for another position than the event's");
  if (!(await verifyInclusion(leaf, proof.leafIndex, proof.treeSize, proof.auditPath, checkpoint.rootHash))) {
    return invalid(`the event is not in the log the checkpoint of ${checkpoint.treeSize} events signed: changed or never there`);
  }
  return {
    valid: true,
    eventId: entry.eventId,
    decision: entry.decision,
    target: entry.target,
    occurredAt: entry.occurredAt,
    checkpoint,
    keyId: key.kid,
  };
}

/**
 * Verifies that a later checkpoint extends an earlier one (nothing the earlier covered was changed or removed), with
 * the consistency proof from GET /.well-known/custos/<tenant>/consistency?from=<earlier size>&to=<later size>.
 */
export async function verifyConsistency(
  earlier: string | { jws: string },
  later: string | { jws: string },
  proof: readonly string[] | { proof: readonly string[] },
  keys: PublishedKeys,
): Promise<Verification<{ from: Checkpoint; to: Checkpoint }>> {
  const from = await verifyCheckpoint(earlier, keys);
  if (!from.valid) return from;
  const to = await verifyCheckpoint(later, keys);
  if (!to.valid) return to;
  if (from.checkpoint.log !== to.checkpoint.log) return invalid("the checkpoints are of different logs");
  const hashes = "proof" in proof ? proof.proof : proof;
  const ok = await consistent(from.checkpoint.treeSize, from.checkpoint.rootHash, to.checkpoint.treeSize, to.checkpoint.rootHash, hashes);
  if (!ok) {
    return invalid(
      `the log of ${to.checkpoint.treeSize} events does not extend the one of ${from.checkpoint.treeSize}: events were changed or removed`,
    );
  }
  return { valid: true, from: from.checkpoint, to: to.checkpoint };
}
