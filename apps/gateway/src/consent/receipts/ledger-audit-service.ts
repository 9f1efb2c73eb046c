/** What privacy staff and auditors ask of the ledger as a whole: is the chain intact, and the events of a period. */
import type { TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { consentEventsToCsv, consentEventsToJsonArray } from "../ledger/export.ts";
import { type ChainBreak, type ChainLink, GENESIS, verifyChain } from "../ledger/hash-chain.ts";

type Caller = Pick<Context, "caller" | "tenantId" | "requestId">;

const VERIFY_PAGE_SIZE = 1000;

/** An export larger than this is refused: ask for a shorter period. Keeps one response within memory and time limits. */
export const MAX_EXPORT_EVENTS = 10_000;

/** A chain break from verifyChain, or HEAD_MISMATCH: the rows end before (or after) the head stored when appending. */
export type LedgerBreak = ChainBreak | { kind: "HEAD_MISMATCH"; sequence: number; eventId: null; expectedHash: string; foundHash: string };

export interface LedgerVerification {
  ok: boolean;
  verifiedCount: number;
  head: ChainLink;
  firstBreak: LedgerBreak | null;
}

/**
 * Re-hashes the tenant's whole chain page by page in one repeatable-read snapshot, so events appended meanwhile
 * neither break the walk nor disagree with the stored head.
 */
export async function verifyConsentLedger(db: TenantScopedPrisma, ctx: Caller): Promise<LedgerVerification> {
  const result = await db.$transaction(
    async (tx) => {
      const stored = (await tx.consentChainHead.findUnique({ where: { tenantId: ctx.tenantId } })) ?? GENESIS;
      let head: ChainLink = GENESIS;
      let verifiedCount = 0;
      for (;;) {
        const page = await tx.consentEvent.findMany({
          where: { sequence: { gt: head.sequence } },
          orderBy: { sequence: "asc" },
          take: VERIFY_PAGE_SIZE,
        });
        if (page.length === 0) break;
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
      return { ok: true, verifiedCount, head, firstBreak: null };
    },
    { isolationLevel: "RepeatableRead", timeout: 120_000 },
  );
  await recordAudit(db, ctx, { operation: "consentLedgerVerification" });
  return result;
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
