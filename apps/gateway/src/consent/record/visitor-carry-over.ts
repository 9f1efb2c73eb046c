import type { ConsentEvent, TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import type { LedgerCaller } from "./ledger-writer.ts";
import { ensureSubject, withLedgerLock } from "./ledger-writer.ts";

/** The idempotent-write scope that links a carried event to the visitor's event it came from. */
const CARRY_OVER_SCOPE = "system adoptVisitorConsent";

/**
 * When a visitor signs in, their banner and preference choices become the customer's: each of the visitor's current
 * decisions that is newer than the customer's own for the same target is appended to the ledger for the customer,
 * with the original channel, policy version, expiry, signals and proof. Each carried event is remembered as an
 * idempotent write `carried:<visitor's event id>` of the customer, so the link between the two events is auditable
 * and a retried (or repeated) sign-in carries nothing twice. The customer's newer choices are never overwritten.
 */
export async function carryVisitorConsent(
  db: TenantScopedPrisma,
  ctx: LedgerCaller,
  visitorId: string,
  customerId: string,
): Promise<ConsentEvent[]> {
  return withLedgerLock(db, ctx.tenantId, async (tx, ledger) => {
    const visitor = await tx.dataSubject.findUnique({
      where: { tenantId_externalId: { tenantId: ctx.tenantId, externalId: visitorId } },
      select: { id: true },
    });
    const customer = await ensureSubject(tx, ctx.tenantId, customerId);
    const carried: ConsentEvent[] = [];
    if (visitor) {
      const [visitorPurposes, visitorCookies, customerPurposes, customerCookies] = await Promise.all([
        tx.consentState.findMany({ where: { subjectId: visitor.id } }),
        tx.cookieConsentState.findMany({ where: { subjectId: visitor.id } }),
        tx.consentState.findMany({ where: { subjectId: customer.id } }),
        tx.cookieConsentState.findMany({ where: { subjectId: customer.id } }),
      ]);
      const candidates = [
        ...visitorPurposes.map((state) => ({
          state,
          target: { kind: "PURPOSE" as const, id: state.purposeId },
          own: customerPurposes.find((mine) => mine.purposeId === state.purposeId),
        })),
        ...visitorCookies.map((state) => ({
          state,
          target: { kind: "COOKIE_CATEGORY" as const, id: state.cookieCategoryId },
          own: customerCookies.find((mine) => mine.cookieCategoryId === state.cookieCategoryId),
        })),
      ].filter(({ state, own }) => !own || own.decidedAt < state.decidedAt);
      const keys = candidates.map(({ state }) => `carried:${state.lastEventId}`);
      const done = new Set(
        (
          await tx.idempotentWrite.findMany({
            where: { scope: CARRY_OVER_SCOPE, subjectId: customer.id, key: { in: keys } },
            select: { key: true },
          })
        ).map((row) => row.key),
      );
      const sources = await tx.consentEvent.findMany({ where: { id: { in: candidates.map(({ state }) => state.lastEventId) } } });
      for (const { state, target } of candidates) {
        const source = sources.find((event) => event.id === state.lastEventId);
        const idempotencyKey = `carried:${state.lastEventId}`;
        if (!source || done.has(idempotencyKey)) continue;
        const event = await ledger.append({
          subjectId: customer.id,
          target,
          decision: source.decision,
          channel: source.channel,
          policyVersionId: source.policyVersionId,
          jurisdiction: source.jurisdiction,
          occurredAt: new Date(),
          expiresAt: source.expiresAt,
          proof: { userAgent: source.userAgent, ipHash: source.ipHash, pageUrl: source.pageUrl },
          gpc: source.gpc,
          tcString: source.tcString,
          gppString: source.gppString,
        });
        await tx.idempotentWrite.create({
          data: {
            tenantId: ctx.tenantId,
            scope: CARRY_OVER_SCOPE,
            subjectId: customer.id,
            key: idempotencyKey,
            payloadHash: source.hash,
            eventIds: [event.id],
          },
        });
        carried.push(event);
      }
    }
    await recordAudit(tx, ctx, { operation: "adoptVisitorConsent", subjectId: customer.id });
    return carried;
  });
}
