/** What privacy staff and auditors ask of the ledger as a whole: is the chain intact, and the events of a period. */
import type { TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { consentEventsToCsv, consentEventsToJsonArray } from "../ledger/export.ts";
import { type ChainBreak, type ChainLink, GENESIS, verifyChain } from "../ledger/hash-chain.ts";
import { ledgerEntry, ledgerEntryLeafHash } from "../ledger/ledger-entry.ts";
import { appendLeaves, EMPTY_ROOT, rootOfFrontier } from "../ledger/merkle.ts";
import { readCheckpoint } from "../proofs/checkpoint-reading.ts";
import { LEDGER_EVENT_INCLUDE } from "../proofs/consent-log.ts";

type Caller = Pick<Context, "caller" | "tenantId" | "requestId">;

const VERIFY_PAGE_SIZE = 1000;

/** An export larger than this is refused: ask for a shorter period. Keeps one response within memory and time limits. */
export const MAX_EXPORT_EVENTS = 10_000;

/**
 * A chain break from verifyChain; HEAD_MISMATCH: the rows end before (or after) the head stored when appending;
 * CHECKPOINT_MISMATCH: the tree rebuilt from the rows has not the root a signed checkpoint published (`sequence` is
 * its tree size): events it covered were changed or deleted since, even if the chain was rehashed to match.
 */
export type LedgerBreak =
  | ChainBreak
  | { kind: "HEAD_MISMATCH" | "CHECKPOINT_MISMATCH"; sequence: number; eventId: null; expectedHash: string; foundHash: string | null };

export interface LedgerVerification {
  ok: boolean;
  verifiedCount: number;
  head: ChainLink;
  firstBreak: LedgerBreak | null;
}

/**
 * Re-hashes the tenant's whole chain page by page in one repeatable-read snapshot, so events appended meanwhile
 * neither break the walk nor disagree with the stored head, and rebuilds the public log's tree from the rows to
 * compare with the newest checkpoint published and with one the caller kept (`keptCheckpoint`, its compact JWS).
 */
export async function verifyConsentLedger(
  db: TenantScopedPrisma,
  ctx: Caller,
  keptCheckpoint?: string | null,
): Promise<LedgerVerification> {
  const kept = keptCheckpoint ? await readCheckpoint(db, keptCheckpoint) : null;
  const result = await db.$transaction(
    async (tx) => {
      const stored = (await tx.consentChainHead.findUnique({ where: { tenantId: ctx.tenantId } })) ?? GENESIS;
      const newest = await tx.consentCheckpoint.findFirst({ orderBy: { treeSize: "desc" } });
      const checkpoints = [newest, kept].filter((checkpoint) => checkpoint != null);
      const roots = new Map<number, string>();
      let frontier: { level: number; index: number; hash: string }[] = [];
      let head: ChainLink = GENESIS;
      let verifiedCount = 0;
      for (;;) {
        const page = await tx.consentEvent.findMany({
          where: { sequence: { gt: head.sequence } },
          orderBy: { sequence: "asc" },
          take: VERIFY_PAGE_SIZE,
          include: LEDGER_EVENT_INCLUDE,
        });
        if (page.length === 0) break;
        for (const event of page) {
          // A gap stops the tree here; verifyChain names it below.
          if (event.sequence !== frontierSize(frontier) + 1) break;
          frontier = appendLeaves(frontier, event.sequence - 1, [ledgerEntryLeafHash(ledgerEntry(event))]).frontier;
          if (checkpoints.some((checkpoint) => checkpoint.treeSize === event.sequence)) roots.set(event.sequence, rootOfFrontier(frontier));
        }
        const verification = verifyChain(page, head);
        if (!verification.ok) {
          const lastGood = page[verification.verifiedCount - 1];
          const verifiedHead = lastGood ? { sequence: lastGood.sequence, hash: lastGood.hash } : head;
          return {
            ok: false,
            verifiedCount: verifiedCount + verification.verifiedCount,
            head: verifiedHead,
            firstBreak: verification.firstBreak,
          };
        }
        verifiedCount += verification.count;
        head = verification.head;
      }
      if (head.sequence !== stored.sequence || head.hash !== stored.hash) {
        const firstBreak: LedgerBreak = {
          kind: "HEAD_MISMATCH",
          sequence: stored.sequence,
          eventId: null,
          expectedHash: stored.hash,
          foundHash: head.hash,
        };
        return { ok: false, verifiedCount, head, firstBreak };
      }
      for (const checkpoint of checkpoints) {
        const found = checkpoint.treeSize === 0 ? EMPTY_ROOT : (roots.get(checkpoint.treeSize) ?? null);
        if (found !== checkpoint.rootHash) {
          const firstBreak: LedgerBreak = {
            kind: "CHECKPOINT_MISMATCH",
            sequence: checkpoint.treeSize,
            eventId: null,
            expectedHash: checkpoint.rootHash,
            foundHash: found,
          };
          return { ok: false, verifiedCount, head, firstBreak };
        }
      }
      return { ok: true, verifiedCount, head, firstBreak: null };
    },
    { isolationLevel: "RepeatableRead", timeout: 120_000 },
  );
  await recordAudit(db, ctx, { operation: "consentLedgerVerification" });
  return result;
}

/** How many leaves a tree with this right edge holds. */
function frontierSize(frontier: readonly { level: number }[]): number {
  return frontier.reduce((size, node) => size + 2 ** node.level, 0);
}

export type ExportFormat = "CSV" | "JSON";

export async function exportConsentEvents(db: TenantScopedPrisma, ctx: Caller, range: { from: Date; to: Date }, format: ExportFormat) {
  if (range.to.getTime() <= range.from.getTime()) throw new CustosError("INVALID_EXPORT_RANGE", "`to` must be after `from`.");
  const where = { occurredAt: { gte: range.from, lt: range.to } };
  const count = await db.consentEvent.count({ where });
  if (count > MAX_EXPORT_EVENTS) {
    throw new CustosError(
      "EXPORT_TOO_LARGE",
      `The period holds ${count} consent events; one export holds at most ${MAX_EXPORT_EVENTS}. Ask for a shorter period.`,
    );
  }
  const events = await db.consentEvent.findMany({ where, orderBy: { sequence: "asc" } });
  await recordAudit(db, ctx, { operation: "consentEventsExport" });
  return { format, count: events.length, document: format === "CSV" ? consentEventsToCsv(events) : consentEventsToJsonArray(events) };
}
