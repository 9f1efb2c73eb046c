/**
 * The tenant's sequencer: decisions that arrive while a batch commits wait for the next one, and each batch chains
 * all of its decisions under one lock of the chain head in one short transaction, as transparency logs integrate
 * queued entries. Writers no longer hold the lock across their own round trips and commit, one after another: the
 * lock is taken once per batch and the commit (the flush to disk) is shared by the batch. A decision's promise
 * settles only after its batch committed (its event, chain link, state and audit entry), so acknowledged means
 * durable. Several gateway processes each run a sequencer per tenant; the chain-head lock orders their batches.
 */
import type { ConsentEvent, TenantScopedPrisma, TenantTransaction } from "@custos/db";
import { recordAudits } from "../audit/audit-service.ts";
import type { CustosError } from "../errors.ts";
import type { LedgerCaller } from "./consent-service.ts";
import { claimSlot, type IdempotencyClaim, idempotencyKeyReused } from "./idempotency.ts";
import { inLedger, type LedgerAppender, type NewConsentEvent } from "./ledger-writer.ts";

/** A decision ready to chain: its subject exists, its target and policy version are resolved. */
export interface QueuedDecision {
  ctx: LedgerCaller;
  claim: IdempotencyClaim | null;
  /** Everything but `occurredAt`, which is stamped as it is chained, so events are stamped in chain order. */
  event: Omit<NewConsentEvent, "occurredAt">;
  auditOperation: string;
}

interface Waiting {
  decision: QueuedDecision;
  resolve(event: ConsentEvent): void;
  reject(error: unknown): void;
}

/** Bounds one transaction's length: a batch this size commits in well under a second. */
const MAX_BATCH = 64;
/** Prisma's default of 5 s for an interactive transaction is too tight for a full batch on a loaded machine. */
const BATCH_TIMEOUT_MS = 20_000;

interface Sequencer {
  queue: Waiting[];
  running: boolean;
}

/** One per tenant-scoped client, i.e. per database and tenant. */
const sequencers = new WeakMap<TenantScopedPrisma, Sequencer>();

export function chainDecision(db: TenantScopedPrisma, tenantId: string, decision: QueuedDecision): Promise<ConsentEvent> {
  let sequencer = sequencers.get(db);
  if (!sequencer) {
    sequencer = { queue: [], running: false };
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
      await commitBatch(db, tenantId, batch);
    }
  } finally {
    sequencer.running = false;
  }
}

type Outcome = { event: ConsentEvent } | { refused: CustosError };

/** A refusal of one decision (a reused idempotency key) settles that one; a failed transaction fails the batch. */
async function commitBatch(db: TenantScopedPrisma, tenantId: string, batch: readonly Waiting[]): Promise<void> {
  let outcomes: Outcome[];
  try {
    outcomes = await db.$transaction(
      (tx) =>
        inLedger(tx, tenantId, (tx, ledger) =>
          chainBatch(
            tx,
            ledger,
            tenantId,
            batch.map((waiting) => waiting.decision),
          ),
        ),
      { timeout: BATCH_TIMEOUT_MS },
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
 * The batch in a fixed number of statements: one read of the claims' earlier writes, one INSERT of the new events (and
 * one of their states), one of the claims, one of the audit entries. A retry of an earlier write, or of a decision
 * earlier in the same batch, is answered with that event; the same key with another payload is refused.
 */
async function chainBatch(
  tx: TenantTransaction,
  ledger: LedgerAppender,
  tenantId: string,
  batch: readonly QueuedDecision[],
): Promise<Outcome[]> {
  const earlier = await earlierWrites(tx, batch);
  const outcomes: (Outcome | { sameAs: number } | { appended: number })[] = [];
  const inBatch = new Map<string, { payloadHash: string; index: number }>();
  const toAppend: QueuedDecision[] = [];
  batch.forEach((decision, index) => {
    const { claim } = decision;
    const slot = claim && claimSlot(claim, decision.event.subjectId);
    const before = slot ? earlier.get(slot) : undefined;
    const sameBatch = slot ? inBatch.get(slot) : undefined;
    if (claim && before) {
      outcomes.push(before.payloadHash === claim.payloadHash ? { event: before.event } : { refused: idempotencyKeyReused() });
    } else if (claim && sameBatch) {
      outcomes.push(sameBatch.payloadHash === claim.payloadHash ? { sameAs: sameBatch.index } : { refused: idempotencyKeyReused() });
    } else {
      if (slot && claim) inBatch.set(slot, { payloadHash: claim.payloadHash, index });
      outcomes.push({ appended: toAppend.length });
      toAppend.push(decision);
    }
  });
  // Stamped as they are chained, so events are stamped in the order of their sequence numbers.
  const events = await ledger.appendPurposeDecisions(toAppend.map((decision) => ({ ...decision.event, occurredAt: new Date() })));
  await tx.idempotentWrite.createMany({
    data: toAppend.flatMap((decision, index) =>
      decision.claim
        ? [
            {
              tenantId,
              scope: decision.claim.scope,
              subjectId: decision.event.subjectId,
              key: decision.claim.key,
              payloadHash: decision.claim.payloadHash,
              eventIds: [(events[index] as ConsentEvent).id],
            },
          ]
        : [],
    ),
  });
  const settled: Outcome[] = outcomes.map((outcome) =>
    "appended" in outcome ? { event: events[outcome.appended] as ConsentEvent } : (outcome as Outcome),
  );
  const resolved = settled.map((outcome, index) => {
    const pending = outcomes[index];
    return pending && "sameAs" in pending ? (settled[pending.sameAs] as Outcome) : outcome;
  });
  // Every call but a refused one is audited, a retry answered with the first write's event too.
  await recordAudits(
    tx,
    batch.flatMap((decision, index) =>
      resolved[index] && "event" in (resolved[index] as Outcome)
        ? [{ ctx: decision.ctx, action: { operation: decision.auditOperation, subjectId: decision.event.subjectId } }]
        : [],
    ),
  );
  return resolved;
}

/** The earlier writes of the batch's claims with their first event, by claim slot, in two reads. */
async function earlierWrites(tx: TenantTransaction, batch: readonly QueuedDecision[]) {
  const claimed = batch.flatMap((decision) => (decision.claim ? [{ ...decision.claim, subjectId: decision.event.subjectId }] : []));
  const found = new Map<string, { payloadHash: string; event: ConsentEvent }>();
  if (claimed.length === 0) return found;
  const writes = await tx.idempotentWrite.findMany({
    where: { OR: claimed.map(({ scope, subjectId, key }) => ({ scope, subjectId, key })) },
  });
  if (writes.length === 0) return found;
  const events = await tx.consentEvent.findMany({ where: { id: { in: writes.flatMap((write) => write.eventIds) } } });
  const byId = new Map(events.map((event) => [event.id, event]));
  for (const write of writes) {
    const event = write.eventIds[0] ? byId.get(write.eventIds[0]) : undefined;
    if (event) found.set(claimSlot(write, write.subjectId), { payloadHash: write.payloadHash, event });
  }
  return found;
}
