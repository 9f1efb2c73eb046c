/**
 * The tenant's public, append-only consent log: an RFC 9162 Merkle tree over its consent events in sequence order
 * (leaf = the event's ledger entry, ledger/ledger-entry.ts), extended by a background job off the write path, and
 * signed checkpoints (tree size, root, time) anyone may keep. A checkpoint kept by someone outside shows later any
 * event changed or deleted before it: the tree rebuilt from the rows no longer has its root (verifyAgainstCheckpoints),
 * a receipt for a changed event has no inclusion proof against it, and no consistency proof leads from it.
 */
import type { TenantScopedPrisma, TenantTransaction } from "@custos/db";
import canonicalize from "canonicalize";
import { CompactSign } from "jose";
import { type ChainLink, GENESIS, verifyChain } from "../ledger/hash-chain.ts";
import { ledgerEntry, ledgerEntryLeafHash } from "../ledger/ledger-entry.ts";
import { appendLeaves, consistencyProof, frontierOf, inclusionPath, type NodeLookup, nodesNeeded, rootHash } from "../ledger/merkle.ts";
import { lockConsentLog } from "./consent-log-lock.ts";
import { currentSigningKey } from "./signing-keys.ts";

/**
 * Events added to the tree per transaction. Small, with a turn of the event loop between batches: the job runs in a
 * gateway process, and a minute's backlog hashed in one go stalled its requests for seconds (pnpm bench, writes).
 */
const BATCH = 250;

export const LEDGER_EVENT_INCLUDE = {
  purpose: { select: { key: true } },
  cookieCategory: { select: { key: true } },
  policyVersion: { select: { version: true, language: true } },
} as const;

export class ConsentLogStopped extends Error {
  override name = "ConsentLogStopped";
}

async function nodeLookup(tx: Pick<TenantTransaction, "consentLogNode">, compute: (node: NodeLookup) => unknown): Promise<NodeLookup> {
  const wanted = nodesNeeded(compute);
  const rows =
    wanted.length === 0
      ? []
      : await tx.consentLogNode.findMany({ where: { OR: wanted }, select: { level: true, index: true, hash: true } });
  const hashes = new Map(rows.map((row) => [`${row.level}:${row.index}`, row.hash]));
  return (level, index) => {
    const hash = hashes.get(`${level}:${index}`);
    if (hash === undefined) throw new ConsentLogStopped(`consent log node ${level}:${index} is missing`);
    return hash;
  };
}

/**
 * Adds the events not yet in the tree, a batch per transaction, and returns the tree's size. Each batch is checked
 * against the hash chain first: the tree commits only to a chain that verifies, and stops (ConsentLogStopped) at a
 * break, which consentLedgerVerification then names.
 */
export async function extendConsentLog(db: TenantScopedPrisma, tenantId: string): Promise<number> {
  for (;;) {
    const { size, added } = await db.$transaction(async (tx) => {
      const size = await lockConsentLog(tx, tenantId);
      const events = await tx.consentEvent.findMany({
        where: { sequence: { gt: size } },
        orderBy: { sequence: "asc" },
        take: BATCH,
        include: LEDGER_EVENT_INCLUDE,
      });
      if (events.length === 0) return { size, added: 0 };
      const previous: ChainLink =
        size === 0
          ? GENESIS
          : ((await tx.consentEvent.findFirst({ where: { sequence: size }, select: { sequence: true, hash: true } })) ?? GENESIS);
      const chain = verifyChain(events, previous);
      if (!chain.ok)
        throw new ConsentLogStopped(`the consent chain breaks at sequence ${chain.firstBreak.sequence} (${chain.firstBreak.kind})`);
      const edge = frontierOf(size);
      const stored = edge.length === 0 ? [] : await tx.consentLogNode.findMany({ where: { OR: edge } });
      const frontier = edge.map(({ level, index }) => {
        const hash = stored.find((row) => row.level === level && row.index === index)?.hash;
        if (hash === undefined) throw new ConsentLogStopped(`consent log node ${level}:${index} is missing`);
        return { level, index, hash };
      });
      const { nodes } = appendLeaves(
        frontier,
        size,
        events.map((event) => ledgerEntryLeafHash(ledgerEntry(event))),
      );
      await tx.consentLogNode.createMany({ data: nodes.map((node) => ({ tenantId, ...node })) });
      await tx.consentLogHead.update({ where: { tenantId }, data: { treeSize: size + events.length } });
      return { size: size + events.length, added: events.length };
    });
    if (added < BATCH) return size;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface CheckpointPayload {
  /** The log's name: the tenant's slug. */
  log: string;
  treeSize: number;
  rootHash: string;
  issuedAt: string;
}

export interface SignedCheckpoint extends CheckpointPayload {
  /** Compact JWS (EdDSA) whose payload is the RFC 8785 JSON of { log, treeSize, rootHash, issuedAt }. */
  jws: string;
}

function signedCheckpoint(row: { treeSize: number; rootHash: string; issuedAt: Date; jws: string }, log: string): SignedCheckpoint {
  return { log, treeSize: row.treeSize, rootHash: row.rootHash, issuedAt: row.issuedAt.toISOString(), jws: row.jws };
}

async function tenantSlug(db: Pick<TenantScopedPrisma, "tenant">): Promise<string> {
  return (await db.tenant.findFirstOrThrow({ select: { slug: true } })).slug;
}

/**
 * Extends the tree and signs a checkpoint of it, unless the newest checkpoint already has this size (then that one is
 * returned): on the schedule (jobs) and on demand (publishConsentCheckpoint, a receipt for an event not yet covered).
 */
export async function publishCheckpoint(db: TenantScopedPrisma, tenantId: string, keyPepper: string): Promise<SignedCheckpoint> {
  await extendConsentLog(db, tenantId);
  const log = await tenantSlug(db);
  return db.$transaction(async (tx) => {
    const treeSize = await lockConsentLog(tx, tenantId);
    const newest = await tx.consentCheckpoint.findFirst({ orderBy: { treeSize: "desc" } });
    if (newest && newest.treeSize === treeSize) return signedCheckpoint(newest, log);
    const lookup = await nodeLookup(tx, (node) => rootHash(node, treeSize));
    // The key first: one made now is valid from now, and the checkpoint is signed within its validity.
    const key = await currentSigningKey(tx, tenantId, keyPepper);
    const payload: CheckpointPayload = { log, treeSize, rootHash: rootHash(lookup, treeSize), issuedAt: new Date().toISOString() };
    const jws = await new CompactSign(new TextEncoder().encode(canonicalize(payload)))
      .setProtectedHeader({ alg: "EdDSA", kid: key.keyId, typ: "custos-checkpoint+json" })
      .sign(key.privateKey);
    const row = await tx.consentCheckpoint.create({
      data: { tenantId, treeSize, rootHash: payload.rootHash, issuedAt: new Date(payload.issuedAt), jws },
    });
    return signedCheckpoint(row, log);
  });
}

/** The newest checkpoint, or the first one at least `atLeastSize` big; null when there is none. */
export async function findCheckpoint(db: TenantScopedPrisma, query: { atLeastSize?: number; size?: number } = {}) {
  const row =
    query.size !== undefined
      ? await db.consentCheckpoint.findFirst({ where: { treeSize: query.size } })
      : query.atLeastSize !== undefined
        ? await db.consentCheckpoint.findFirst({ where: { treeSize: { gte: query.atLeastSize } }, orderBy: { treeSize: "asc" } })
        : await db.consentCheckpoint.findFirst({ orderBy: { treeSize: "desc" } });
  return row ? signedCheckpoint(row, await tenantSlug(db)) : null;
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** RFC 9162 audit path, hex hashes from the leaf upwards. */
  auditPath: string[];
}

export async function inclusionProof(db: TenantScopedPrisma, leafIndex: number, treeSize: number): Promise<InclusionProof> {
  const lookup = await nodeLookup(db, (node) => inclusionPath(node, leafIndex, treeSize));
  return { leafIndex, treeSize, auditPath: inclusionPath(lookup, leafIndex, treeSize) };
}

/** RFC 9162 consistency proof from one tree size to a later one, both within the tree built so far. */
export async function consistency(db: TenantScopedPrisma, fromSize: number, toSize: number): Promise<string[] | null> {
  const head = await db.consentLogHead.findFirst();
  if (fromSize < 0 || toSize < fromSize || toSize > (head?.treeSize ?? 0)) return null;
  const lookup = await nodeLookup(db, (node) => consistencyProof(node, fromSize, toSize));
  return consistencyProof(lookup, fromSize, toSize);
}
