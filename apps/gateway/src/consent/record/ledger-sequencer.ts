/**
 * The tenant's sequencer: decisions that arrive while a batch commits wait for the next one, and each batch chains
 * all of its decisions at once, as transparency logs integrate queued entries: one read of what the batch depends on
 * and one statement that chains and writes it (ledger-batch.ts), so the commit (the flush to disk) is shared by the
 * batch and the chain head's row lock is held for that one statement, not across the gateway's round trips. A
 * decision's promise settles only after its batch committed (its event, chain link, state, idempotency claim and audit
 * entry), so acknowledged means durable. Several gateway processes each run a sequencer per tenant; their batches
 * queue on the head's row lock, and each chains after whatever head it finds.
 */
import { randomUUID } from "node:crypto";
import type { ConsentEvent, TenantScopedPrisma } from "@custos/db";
import type { AuditEntry } from "../../audit/audit-entry.ts";
import { recordReadAudit } from "../../audit/audit-group-commit.ts";
import { isLostRace } from "../../ground/database-errors.ts";
import type { CustosError } from "../../ground/errors.ts";
import { groupCommit, oneAtATimeAfterFailure } from "../../ground/group-commit.ts";
import { claimSlot, type IdempotencyClaim, idempotencyKeyReused } from "./idempotency.ts";
import { type BatchWrite, lookUpBatch, writeBatch } from "./ledger-batch.ts";
import type { LedgerCaller } from "./ledger-writer.ts";
import { ensureChainHead, type NewConsentEvent, type UnchainedEvent, unchainedEvent } from "./ledger-writer.ts";

/** A decision ready to chain: its target and policy version are resolved; the batch finds or creates its subject. */
export interface QueuedDecision {
  ctx: LedgerCaller;
  claim: IdempotencyClaim | null;
  /** The app's id for the person. */
  externalSubjectId: string;
  /**
   * Everything but the subject and `occurredAt`, which is stamped as the batch is built, in chain order within a
   * gateway (two gateways' batches may interleave stamps by the milliseconds between building and locking).
   */
  event: Omit<NewConsentEvent, "occurredAt" | "subjectId">;
  auditOperation: string;
}

/** Bounds one statement's size: a batch this size commits in well under a second. */
const MAX_BATCH = 64;
/** Attempts of a batch whose write collided with a subject or claim another writer made since its read. */
const ATTEMPTS = 5;

type Outcome = { event: ConsentEvent } | { refused: CustosError };
type Sequenced = { tenantId: string; decision: QueuedDecision };

/**
 * One batch at a time per tenant-scoped client (one database and tenant): the next batch gathers while one is
 * written. A refusal of one decision (a reused idempotency key) settles that one; a batch whose write failed (a value
 * the database would not take) wrote nothing and is written again one decision at a time, each chaining after the
 * head the one before it left, so only the decision at fault fails. A database that is out fails the batch at once.
 */
const sequence = groupCommit<TenantScopedPrisma, Sequenced, ConsentEvent>({
  maxBatch: MAX_BATCH,
  maxInFlight: 1,
  write: oneAtATimeAfterFailure<TenantScopedPrisma, Sequenced, ConsentEvent>(async (db, items) => {
    // Every item of a tenant-scoped client's queue is of its tenant.
    const [first] = items;
    if (!first) return [];
    const outcomes = await settleBatch(
      db,
      first.tenantId,
      items.map((item) => item.decision),
    );
    return outcomes.map((outcome) => ("event" in outcome ? { value: outcome.event } : { error: outcome.refused }));
  }),
});

export function chainDecision(db: TenantScopedPrisma, tenantId: string, decision: QueuedDecision): Promise<ConsentEvent> {
  return sequence(db, { tenantId, decision });
}

/**
 * A read and one write, neither waiting for a lock but the write for the head row's. A write that collided with a
 * subject or claim another writer (a second gateway) made since the read wrote nothing: the batch reads again.
 */
async function settleBatch(db: TenantScopedPrisma, tenantId: string, batch: readonly QueuedDecision[]): Promise<Outcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chainBatch(db, tenantId, batch);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isLostRace(error)) throw error;
    }
  }
}

type Pending = Outcome | { sameAs: number } | { appended: number } | { earlier: string };

/**
 * Chains the batch after the head. A retry of an earlier write, or of a decision earlier in the same batch, is
 * answered with that event; the same key with another payload is refused. Every call but a refused one is audited, a
 * retry answered with the first write's event too.
 */
async function chainBatch(db: TenantScopedPrisma, tenantId: string, batch: readonly QueuedDecision[]): Promise<Outcome[]> {
  const lookup = await lookUpBatch(db, tenantId, batch);
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
  const events: UnchainedEvent[] = [];
  const claims: BatchWrite["claims"][number][] = [];
  const audits: AuditEntry[] = [];
  batch.forEach((decision, index) => {
    const { claim } = decision;
    const subjectId = subjectIdOf(decision.externalSubjectId);
    const slot = claim && claimSlot(claim, subjectId);
    const before = slot ? lookup.earlier.get(slot) : undefined;
    const sameBatch = slot ? inBatch.get(slot) : undefined;
    if (claim && before) {
      pending.push(
        before.payloadHash === claim.payloadHash && before.eventId ? { earlier: before.eventId } : { refused: idempotencyKeyReused() },
      );
    } else if (claim && sameBatch) {
      pending.push(sameBatch.payloadHash === claim.payloadHash ? { sameAs: sameBatch.index } : { refused: idempotencyKeyReused() });
    } else {
      // Stamped in the order of the batch, the order its events are chained in.
      const event = unchainedEvent(tenantId, { ...decision.event, subjectId, occurredAt: new Date() });
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
  if (events.length > 0 && !lookup.headExists) await ensureChainHead(db, tenantId);
  const earlierIds = pending.flatMap((outcome) => ("earlier" in outcome ? [outcome.earlier] : []));
  const [earlierEvents, chained] = await Promise.all([
    earlierIds.length === 0 ? [] : db.consentEvent.findMany({ where: { id: { in: earlierIds } } }),
    events.length === 0
      ? Promise.all(audits.map(({ ctx, action }) => recordReadAudit(db, ctx, action))).then(() => [])
      : writeBatch(db, tenantId, {
          events,
          newSubjects: [...newSubjects].map(([externalId, id]) => ({ id, externalId })),
          claims,
          audits,
        }),
  ]);
  const byId = new Map(earlierEvents.map((event) => [event.id, event]));
  const settled = pending.map((outcome): Outcome | { sameAs: number } => {
    if ("appended" in outcome) return { event: chained[outcome.appended] as ConsentEvent };
    if ("earlier" in outcome) {
      const event = byId.get(outcome.earlier);
      if (!event) throw new Error("an idempotency claim names an event that is not in the ledger");
      return { event };
    }
    return outcome;
  });
  return settled.map((outcome) => ("sameAs" in outcome ? (settled[outcome.sameAs] as Outcome) : outcome));
}
