/**
 * Appends to a tenant's hash-chained consent ledger. Every write holds the tenant's chain head row lock while it
 * chains: `withLedgerLock` locks it (SELECT … FOR UPDATE) for the rest of its transaction, the sequencer's batch
 * (ledger-batch.ts) for its one statement. Appends within a tenant are serialised, so sequence numbers are gap-free
 * and each event links to the one before it. The current state per subject and purpose (or cookie category) moves in
 * the same transaction, so a consent check reads one row.
 */
import { randomUUID } from "node:crypto";
import type { ConsentChannel, ConsentDecision, ConsentEvent, TenantScopedPrisma, TenantTransaction } from "@custos/db";
import type { Context } from "../../ground/context.ts";
import { openWithdrawalDestructions } from "../../requests/deadlines/withdrawal-destructions.ts";
import { type ChainLink, chainEvent, GENESIS_HASH, proofDigest } from "../ledger/hash-chain.ts";
import type { StoredProof } from "./proof.ts";

/** Who a ledger write is made for: their key, tenant and request, and the pepper that keys idempotency. */
export type LedgerCaller = Pick<Context, "caller" | "tenantId" | "requestId" | "keyPepper">;

export type ConsentTarget = { kind: "PURPOSE"; id: string } | { kind: "COOKIE_CATEGORY"; id: string };

export interface NewConsentEvent {
  /** Internal DataSubject id. */
  subjectId: string;
  target: ConsentTarget;
  decision: ConsentDecision;
  channel: ConsentChannel;
  policyVersionId: string | null;
  jurisdiction: string | null;
  occurredAt: Date;
  expiresAt: Date | null;
  proof: StoredProof;
  gpc: boolean | null;
  tcString: string | null;
  gppString: string | null;
}

export interface LedgerAppender {
  /** Appends one event after the current head and moves the subject's current state. */
  append(event: NewConsentEvent): Promise<ConsentEvent>;
}

/** Creates the tenant's chain head at genesis before its first event; does nothing once it exists. */
export async function ensureChainHead(db: Pick<TenantTransaction, "consentChainHead">, tenantId: string): Promise<void> {
  await db.consentChainHead.createMany({ data: [{ tenantId, sequence: 0, hash: GENESIS_HASH }], skipDuplicates: true });
}

async function lockChainHead(tx: TenantTransaction, tenantId: string): Promise<ChainLink> {
  await ensureChainHead(tx, tenantId);
  const [head] = await tx.$queryRaw<ChainLink[]>`
    SELECT sequence, hash FROM "ConsentChainHead" WHERE "tenantId" = ${tenantId}::uuid FOR UPDATE`;
  if (!head) throw new Error("chain head vanished inside its own transaction");
  return head;
}

/**
 * Creates the subject if it is new, in one round trip; safe outside the ledger lock too (the insert skips a subject
 * another writer made, and the select then finds it). Raw SQL names the tenant itself.
 */
export async function ensureSubject(
  tx: Pick<TenantTransaction, "$queryRaw">,
  tenantId: string,
  externalId: string,
): Promise<{ id: string; restrictedAt: Date | null }> {
  // createdAt from this process's clock, as Prisma stamps its defaults (the tests move that clock).
  const [subject] = await tx.$queryRaw<{ id: string; restrictedAt: Date | null }[]>`
    WITH created AS (
      INSERT INTO "DataSubject" (id, "tenantId", "externalId", "createdAt")
      VALUES (${randomUUID()}::uuid, ${tenantId}::uuid, ${externalId}, ${new Date().toISOString()}::timestamp(3))
      ON CONFLICT ("tenantId", "externalId") DO NOTHING
      RETURNING id::text AS id, "restrictedAt")
    SELECT id, "restrictedAt" FROM created
    UNION ALL
    SELECT id::text, "restrictedAt" FROM "DataSubject" WHERE "tenantId" = ${tenantId}::uuid AND "externalId" = ${externalId}
    LIMIT 1`;
  if (subject) return subject;
  // A writer that created the same subject at the same moment committed after this statement's snapshot was taken:
  // the insert skipped it and the select could not see it yet. A new statement does.
  const [committed] = await tx.$queryRaw<{ id: string; restrictedAt: Date | null }[]>`
    SELECT id::text, "restrictedAt" FROM "DataSubject" WHERE "tenantId" = ${tenantId}::uuid AND "externalId" = ${externalId}`;
  if (!committed) throw new Error("a subject neither created nor found");
  return committed;
}

async function moveState(tx: TenantTransaction, event: ConsentEvent): Promise<void> {
  const state = {
    decision: event.decision,
    channel: event.channel,
    lastEventId: event.id,
    decidedAt: event.occurredAt,
    expiresAt: event.expiresAt,
    policyVersionId: event.policyVersionId,
    gpc: event.gpc,
  };
  const { subjectId } = event;
  if (event.purposeId !== null) {
    const purposeId = event.purposeId;
    await tx.consentState.upsert({
      where: { subjectId_purposeId: { subjectId, purposeId } },
      create: { subjectId, purposeId, ...state },
      update: state,
    });
  } else if (event.cookieCategoryId !== null) {
    const cookieCategoryId = event.cookieCategoryId;
    await tx.cookieConsentState.upsert({
      where: { subjectId_cookieCategoryId: { subjectId, cookieCategoryId } },
      create: { subjectId, cookieCategoryId, ...state },
      update: state,
    });
  }
}

/** An event's row before it is chained: every column but its sequence and hashes. */
export type UnchainedEvent = Omit<ConsentEvent, "sequence" | "previousHash" | "hash">;

export function unchainedEvent(tenantId: string, input: NewConsentEvent): UnchainedEvent {
  const { target, proof, ...fields } = input;
  return {
    ...fields,
    ...proof,
    id: randomUUID(),
    tenantId,
    purposeId: target.kind === "PURPOSE" ? target.id : null,
    cookieCategoryId: target.kind === "COOKIE_CATEGORY" ? target.id : null,
    proofDigest: proofDigest(proof),
  };
}

/**
 * Runs `work` in one transaction holding the tenant's ledger lock; everything it appends commits with its state
 * changes and audit entries, or nothing does. Read current states inside `work`: they cannot move until it ends.
 */
export async function withLedgerLock<T>(
  db: TenantScopedPrisma,
  tenantId: string,
  work: (tx: TenantTransaction, ledger: LedgerAppender) => Promise<T>,
): Promise<T> {
  return db.$transaction((tx) => inLedger(tx, tenantId, work));
}

/** `withLedgerLock` inside a transaction the caller already holds, so a ledger write commits with the caller's other writes. */
export async function inLedger<T>(
  tx: TenantTransaction,
  tenantId: string,
  work: (tx: TenantTransaction, ledger: LedgerAppender) => Promise<T>,
): Promise<T> {
  let head = await lockChainHead(tx, tenantId);
  const startSequence = head.sequence;
  const chained = (input: NewConsentEvent) => {
    const record = unchainedEvent(tenantId, input);
    const chain = chainEvent(record, head);
    head = { sequence: chain.sequence, hash: chain.hash };
    return { ...record, ...chain };
  };
  const ledger: LedgerAppender = {
    append: async (input) => {
      const event = await tx.consentEvent.create({ data: chained(input) });
      await moveState(tx, event);
      // A withdrawal under 152-FZ starts the 30 days to destroy what was processed on that consent (Art. 21 part 5).
      if (event.decision === "WITHDRAWN") await openWithdrawalDestructions(tx, tenantId, [event]);
      return event;
    },
  };
  const result = await work(tx, ledger);
  if (head.sequence !== startSequence) {
    await tx.consentChainHead.update({ where: { tenantId }, data: { sequence: head.sequence, hash: head.hash } });
  }
  return result;
}
