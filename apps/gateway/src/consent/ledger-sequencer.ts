/**
 * The tenant's sequencer: decisions that arrive while a batch commits wait for the next one, and each batch chains
 * all of its decisions at once, as transparency logs integrate queued entries: one read of what the batch depends on
 * and one statement that writes it (ledger-batch.ts), so the commit (the flush to disk) is shared by the batch and
 * no lock is held across the gateway's round trips. A decision's promise settles only after its batch committed (its
 * event, chain link, state, idempotency claim and audit entry), so acknowledged means durable. Several gateway
 * processes each run a sequencer per tenant; the chain head orders their batches (settleBatch).
 */
import { randomUUID } from "node:crypto";
import type { ConsentEvent, TenantScopedPrisma, TenantTransaction } from "@custos/db";
import { type AuditEntry, recordAudits } from "../audit/audit-service.ts";
import type { CustosError } from "../errors.ts";
import { isLostRace } from "../http/database-errors.ts";
import type { LedgerCaller } from "./consent-service.ts";
import { claimSlot, type IdempotencyClaim, idempotencyKeyReused } from "./idempotency.ts";
import { type BatchWrite, lookUpBatch, writeBatch } from "./ledger-batch.ts";
import { type ChainLink, GENESIS } from "./ledger/hash-chain.ts";
import { chainedEvent, lockChainHead, type NewConsentEvent } from "./ledger-writer.ts";

/** A decision ready to chain: its target and policy version are resolved; the batch finds or creates its subject. */
export interface QueuedDecision {
  ctx: LedgerCaller;
  claim: IdempotencyClaim | null;
  /** The app's id for the person. */
  externalSubjectId: string;
  /** Everything but the subject and `occurredAt`, which is stamped as it is chained, so events are stamped in chain order. */
  event: Omit<NewConsentEvent, "occurredAt" | "subjectId">;
  auditOperation: string;
}

interface Waiting {
  decision: QueuedDecision;
  resolve(event: ConsentEvent): void;
  reject(error: unknown): void;
}

/** Bounds one statement's size: a batch this size commits in well under a second. */
const MAX_BATCH = 64;
/** Prisma's default of 5 s for an interactive transaction is too tight for a full batch on a loaded machine. */
const BATCH_TIMEOUT_MS = 20_000;
/** Attempts under the lock when a subject or claim made by another writer since the batch's lookup fails its write. */
const LOCKED_ATTEMPTS = 3;

interface Sequencer {
  queue: Waiting[];
  running: boolean;
  /** The head this sequencer's last batch wrote: while it is still the head, no other writer is appending. */
  lastHead: ChainLink | null;
  /** Another writer moved the head since this sequencer's last batch: the next batch waits for the lock instead of racing. */
  contended: boolean;
}

/** One per tenant-scoped client, i.e. per database and tenant. */
const sequencers = new WeakMap<TenantScopedPrisma, Sequencer>();

export function chainDecision(db: TenantScopedPrisma, tenantId: string, decision: QueuedDecision): Promise<ConsentEvent> {
  let sequencer = sequencers.get(db);
  if (!sequencer) {
    sequencer = { queue: [], running: false, lastHead: null, contended: false };
    sequencers.set(db, sequencer);
  }
  const queued = sequencer;
  return new Promise<ConsentEvent>((resolve, reject) => {
    queued.queue.push({ decision, resolve, reject });
    if (!queued.running) void drain(db, tenantId, queued);
  });
}

async function drain(db: TenantScopedPrisma, tenantId: string, sequencer: Sequencer): Promise<void> {
  sequencer.running = true;
  try {
    while (sequencer.queue.length > 0) {
      const batch = sequencer.queue.splice(0, MAX_BATCH);
      await commitBatch(db, tenantId, sequencer, batch);
    }
  } finally {
    sequencer.running = false;
  }
}

type Outcome = { event: ConsentEvent } | { refused: CustosError };

/** A refusal of one decision (a reused idempotency key) settles that one; a failed write fails the batch. */
async function commitBatch(db: TenantScopedPrisma, tenantId: string, sequencer: Sequencer, batch: readonly Waiting[]): Promise<void> {
  let outcomes: Outcome[];
  try {
    outcomes = await settleBatch(
      db,
      tenantId,
      sequencer,
      batch.map((waiting) => waiting.decision),
    );
  } catch (error) {
    for (const waiting of batch) waiting.reject(error);
    return;
  }
  batch.forEach((waiting, index) => {
    const outcome = outcomes[index];
    if (outcome && "event" in outcome) waiting.resolve(outcome.event);
    else waiting.reject(outcome?.refused ?? new Error("a batched decision has no outcome"));
  });
}

/**
 * Alone on the chain, a batch is a read and one write, neither waiting for a lock. When another writer (a second
 * gateway, a cookie choice) moved the head in between, or made a subject or claim the write collides with, nothing
 * was written and the batch runs again in a transaction whose read locks the head: the lock orders the batches of
 * several gateways, so none is starved, and a sequencer keeps taking it while another writer is appending. A locked
 * read that waited may miss the rows of the batch it waited for; its write then collides with them, and the next
 * attempt locks the head before it reads.
 */
async function settleBatch(
  db: TenantScopedPrisma,
  tenantId: string,
  sequencer: Sequencer,
  batch: readonly QueuedDecision[],
): Promise<Outcome[]> {
  if (!sequencer.contended) {
    const settled = await chainBatch(db, tenantId, batch, { lockHead: false }).catch((error: unknown) => {
      if (isLostRace(error)) return null;
      throw error;
    });
    if (settled) {
      sequencer.lastHead = settled.head;
      return settled.outcomes;
    }
  }
  for (let attempt = 1; attempt <= LOCKED_ATTEMPTS; attempt++) {
    // Before the tenant's first event there is no head row to lock; lockChainHead creates it.
    const settled = await db
      .$transaction(
        async (tx) => {
          if (attempt > 1) await lockChainHead(tx, tenantId);
          return chainBatch(tx, tenantId, batch, { lockHead: true });
        },
        { timeout: BATCH_TIMEOUT_MS },
      )
      .catch((error: unknown) => {
        if (attempt < LOCKED_ATTEMPTS && isLostRace(error)) return null;
        throw error;
      });
    if (settled) {
      // Still contended if another writer appended since this sequencer's previous batch.
      sequencer.contended = sequencer.lastHead !== null && !sameLink(settled.from, sequencer.lastHead);
      sequencer.lastHead = settled.head;
      return settled.outcomes;
    }
  }
  throw new Error(`the chain head kept moving while ${LOCKED_ATTEMPTS} attempts held its lock`);
}

const sameLink = (a: ChainLink, b: ChainLink) => a.sequence === b.sequence && a.hash === b.hash;

type Pending = Outcome | { sameAs: number } | { appended: number } | { earlier: string };

/**
 * Chains the batch after the head it reads, or returns null when another writer moved the head first. A retry of an
 * earlier write, or of a decision earlier in the same batch, is answered with that event; the same key with another
 * payload is refused. Every call but a refused one is audited, a retry answered with the first write's event too.
 */
async function chainBatch(
  db: TenantScopedPrisma | TenantTransaction,
  tenantId: string,
  batch: readonly QueuedDecision[],
  options: { lockHead: boolean },
): Promise<{ outcomes: Outcome[]; from: ChainLink; head: ChainLink } | null> {
  const lookup = await lookUpBatch(db, tenantId, batch, options);
  const newSubjects = new Map<string, string>();
  const subjectIdOf = (externalId: string) => {
    const known = lookup.subjects.get(externalId) ?? newSubjects.get(externalId);
    if (known) return known;
    const created = randomUUID();
    newSubjects.set(externalId, created);
    return created;
  };
  const pending: Pending[] = [];
  const inBatch = new Map<string, { payloadHash: string; index: number }>();
  let head = lookup.head ?? GENESIS;
  const events: ConsentEvent[] = [];
  const claims: BatchWrite["claims"][number][] = [];
  const audits: AuditEntry[] = [];
  batch.forEach((decision, index) => {
    const { claim } = decision;
    const subjectId = subjectIdOf(decision.externalSubjectId);
    const slot = claim && claimSlot(claim, subjectId);
    const before = slot ? lookup.earlier.get(slot) : undefined;
    const sameBatch = slot ? inBatch.get(slot) : undefined;
    if (claim && before) {
      pending.push(before.payloadHash === claim.payloadHash && before.eventId ? { earlier: before.eventId } : { refused: idempotencyKeyReused() });
    } else if (claim && sameBatch) {
      pending.push(sameBatch.payloadHash === claim.payloadHash ? { sameAs: sameBatch.index } : { refused: idempotencyKeyReused() });
    } else {
      // Stamped as it is chained, so events are stamped in the order of their sequence numbers.
      const event = chainedEvent(tenantId, { ...decision.event, subjectId, occurredAt: new Date() }, head);
      head = { sequence: event.sequence, hash: event.hash };
      if (slot && claim) {
        inBatch.set(slot, { payloadHash: claim.payloadHash, index });
        claims.push({ claim, subjectId, eventId: event.id });
      }
      pending.push({ appended: events.length });
      events.push(event);
    }
    if (!("refused" in (pending[index] as Pending))) {
      audits.push({ ctx: decision.ctx, action: { operation: decision.auditOperation, subjectId } });
    }
  });
  const earlierIds = pending.flatMap((outcome) => ("earlier" in outcome ? [outcome.earlier] : []));
  const [earlierEvents, written] = await Promise.all([
    earlierIds.length === 0 ? [] : db.consentEvent.findMany({ where: { id: { in: earlierIds } } }),
    events.length === 0
      ? recordAudits(db, audits).then(() => true)
      : writeBatch(db, tenantId, {
          from: lookup.head,
          events,
          newSubjects: [...newSubjects].map(([externalId, id]) => ({ id, externalId })),
          claims,
          audits,
        }),
  ]);
  if (!written) return null;
  const byId = new Map(earlierEvents.map((event) => [event.id, event]));
  const settled = pending.map((outcome): Outcome | { sameAs: number } => {
    if ("appended" in outcome) return { event: events[outcome.appended] as ConsentEvent };
    if ("earlier" in outcome) {
      const event = byId.get(outcome.earlier);
      if (!event) throw new Error("an idempotency claim names an event that is not in the ledger");
      return { event };
    }
    return outcome;
  });
  const outcomes = settled.map((outcome) => ("sameAs" in outcome ? (settled[outcome.sameAs] as Outcome) : outcome));
  return { outcomes, from: lookup.head ?? GENESIS, head };
}
