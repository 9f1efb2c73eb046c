/**
 * The tenant's sequencer: decisions that arrive while a batch commits wait for the next one, and each batch chains
 * all of its decisions under one lock of the chain head in one short transaction, as transparency logs integrate
 * queued entries. Writers no longer hold the lock across their own round trips and commit, one after another: the
 * lock is taken once per batch and the commit (the flush to disk) is shared by the batch. A decision's promise
 * settles only after its batch committed (its event, chain link, state and audit entry), so acknowledged means
 * durable. Several gateway processes each run a sequencer per tenant; the chain-head lock orders their batches.
 */
import type { ConsentEvent, TenantScopedPrisma, TenantTransaction } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import { CustosError } from "../errors.ts";
import type { LedgerCaller } from "./consent-service.ts";
import { earlierWrite, type IdempotencyClaim, rememberWrite } from "./idempotency.ts";
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

/** A refusal of one decision (a reused idempotency key) settles that one; a failed transaction fails the batch. */
async function commitBatch(db: TenantScopedPrisma, tenantId: string, batch: readonly Waiting[]): Promise<void> {
  let outcomes: ({ event: ConsentEvent } | { refused: CustosError })[];
  try {
    outcomes = await db.$transaction(
      (tx) =>
        inLedger(tx, tenantId, async (tx, ledger) => {
          const results: ({ event: ConsentEvent } | { refused: CustosError })[] = [];
          for (const { decision } of batch) results.push(await chainOne(tx, ledger, tenantId, decision));
          return results;
        }),
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

async function chainOne(
  tx: TenantTransaction,
  ledger: LedgerAppender,
  tenantId: string,
  decision: QueuedDecision,
): Promise<{ event: ConsentEvent } | { refused: CustosError }> {
  const { claim, ctx, event: input } = decision;
  let earlier: ConsentEvent[] | null = null;
  try {
    earlier = claim && (await earlierWrite(tx, claim, input.subjectId));
  } catch (error) {
    if (error instanceof CustosError) return { refused: error };
    throw error;
  }
  // A retry answered with the first write's event is a call like any other: it is audited too.
  await recordAudit(tx, ctx, { operation: decision.auditOperation, subjectId: input.subjectId });
  if (earlier?.[0]) return { event: earlier[0] };
  const event = await ledger.append({ ...input, occurredAt: new Date() });
  if (claim) await rememberWrite(tx, tenantId, claim, input.subjectId, [event]);
  return { event };
}
