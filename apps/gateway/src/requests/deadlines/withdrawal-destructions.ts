import type { ConsentEvent, DestructionOutcome, TenantScopedPrisma, TenantTransaction } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import { actorLabel } from "../../ground/caller.ts";
import { CustosError } from "../../ground/errors.ts";
import { withdrawalDestructionDeadline } from "../rules/withdrawal-destruction.ts";
import { isUuid, type RequestCaller } from "../workflow/request-workflow.ts";

type Writer = Pick<TenantTransaction, "consentEvent" | "withdrawalDestruction">;
type Withdrawal = Pick<ConsentEvent, "id" | "subjectId" | "purposeId" | "decision" | "jurisdiction" | "occurredAt">;

/** How long after a withdrawal the daily check still looks for one without its destruction: the period and a day. */
const RECONCILE_DAYS = 31;
const MAX_BASIS = 2000;

/**
 * The jurisdiction a withdrawal was made under: its own, else that of the person's last earlier decision on the same
 * purpose that named one (an unsubscribe link names none; the consent it withdraws was given under some law).
 */
async function jurisdictionOf(db: Writer, event: Withdrawal): Promise<string | null> {
  if (event.jurisdiction) return event.jurisdiction;
  const earlier = await db.consentEvent.findFirst({
    where: { subjectId: event.subjectId, purposeId: event.purposeId, jurisdiction: { not: null }, occurredAt: { lte: event.occurredAt } },
    orderBy: { occurredAt: "desc" },
    select: { jurisdiction: true },
  });
  return earlier?.jurisdiction ?? null;
}

/**
 * Opens the destruction that each withdrawal of consent to a purpose calls for where the person's law sets a period
 * for it (152-FZ Art. 21 part 5). One per withdrawal event (a unique key), so a retry, a second gateway or the daily
 * check opening the same one again changes nothing.
 */
export async function openWithdrawalDestructions(db: Writer, tenantId: string, events: readonly Withdrawal[]): Promise<void> {
  const rows = [];
  for (const event of events) {
    if (event.decision !== "WITHDRAWN" || event.purposeId === null) continue;
    const jurisdiction = await jurisdictionOf(db, event);
    const deadline = jurisdiction ? withdrawalDestructionDeadline(jurisdiction, event.occurredAt) : null;
    if (!deadline) continue;
    rows.push({
      tenantId,
      subjectId: event.subjectId,
      purposeId: event.purposeId,
      withdrawalEventId: event.id,
      withdrawnAt: event.occurredAt,
      dueAt: deadline.dueAt,
      deadlineRule: deadline.rule.id,
    });
  }
  if (rows.length > 0) await db.withdrawalDestruction.createMany({ data: rows, skipDuplicates: true });
}

/**
 * The daily check: opens any destruction a recent withdrawal should have opened but did not (a withdrawal recorded
 * through the batched ledger write opens its destruction just after it commits; a process that died in between left
 * none).
 */
export async function reconcileWithdrawalDestructions(db: TenantScopedPrisma, tenantId: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - RECONCILE_DAYS * 86_400_000);
  const withdrawals = await db.consentEvent.findMany({
    where: { occurredAt: { gte: since }, decision: "WITHDRAWN", purposeId: { not: null } },
    select: { id: true, subjectId: true, purposeId: true, decision: true, jurisdiction: true, occurredAt: true },
  });
  if (withdrawals.length === 0) return;
  const opened = await db.withdrawalDestruction.findMany({
    where: { withdrawalEventId: { in: withdrawals.map((event) => event.id) } },
    select: { withdrawalEventId: true },
  });
  const known = new Set(opened.map((row) => row.withdrawalEventId));
  await openWithdrawalDestructions(
    db,
    tenantId,
    withdrawals.filter((event) => !known.has(event.id)),
  );
}

/** Open destructions (or closed ones), earliest deadline first. */
export function withdrawalDestructions(db: TenantScopedPrisma, open: boolean, take: number) {
  return db.withdrawalDestruction.findMany({
    where: { closedAt: open ? null : { not: null } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: Math.min(Math.max(take, 1), 200),
  });
}

/**
 * Privacy staff close a destruction: the data was destroyed, or another basis allows keeping it, which they name.
 * Closed once: a second close, from anyone, is refused.
 */
export async function closeWithdrawalDestruction(
  db: TenantScopedPrisma,
  ctx: RequestCaller,
  input: { id: string; outcome: DestructionOutcome; basis?: string | null },
) {
  const basis = input.basis?.trim() || null;
  if (input.outcome === "OTHER_BASIS" && !basis) {
    throw new CustosError("REASON_REQUIRED", "Name the basis that allows keeping the data (e.g. a contract with the person).");
  }
  if ((basis?.length ?? 0) > MAX_BASIS) throw new CustosError("INVALID_REQUEST", `basis may hold at most ${MAX_BASIS} characters.`);
  if (!isUuid(input.id)) throw new CustosError("NOT_FOUND", "There is no such destruction.");
  return db.$transaction(async (tx) => {
    const found = await tx.withdrawalDestruction.findFirst({ where: { id: input.id }, select: { id: true, subjectId: true } });
    if (!found) throw new CustosError("NOT_FOUND", "There is no such destruction.");
    const closed = await tx.withdrawalDestruction.updateMany({
      where: { id: found.id, closedAt: null },
      data: { closedAt: new Date(), outcome: input.outcome, basis, closedBy: actorLabel(ctx.caller) },
    });
    if (closed.count !== 1) throw new CustosError("TASK_NOT_OPEN", "This destruction was already closed.");
    await recordAudit(tx, ctx, { operation: "closeWithdrawalDestruction", subjectId: found.subjectId });
    return tx.withdrawalDestruction.findUniqueOrThrow({ where: { id: found.id } });
  });
}
