import { randomUUID } from "node:crypto";
import type { TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { buildConsentReceipt, type ConsentReceipt } from "../ledger/receipt.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () => new CustosError("NOT_FOUND", "This subject has no consent event with that id.");

/** An ISO/IEC TS 27560 receipt (W3C DPV profile) for one event of the subject, with the history of its target. */
export async function consentReceipt(
  db: TenantScopedPrisma,
  ctx: Pick<Context, "caller" | "tenantId" | "requestId">,
  externalSubjectId: string,
  eventId: string,
): Promise<ConsentReceipt> {
  if (!UUID.test(eventId)) throw notFound();
  const subject = await db.dataSubject.findUnique({
    where: { tenantId_externalId: { tenantId: ctx.tenantId, externalId: externalSubjectId } },
    select: { id: true },
  });
  const event = subject
    ? await db.consentEvent.findFirst({
        where: { id: eventId, subjectId: subject.id },
        include: { purpose: true, cookieCategory: true, policyVersion: true },
      })
    : null;
  if (!event) throw notFound();
  const [earlierEvents, tenant] = await Promise.all([
    db.consentEvent.findMany({
      where: {
        subjectId: event.subjectId,
        purposeId: event.purposeId,
        cookieCategoryId: event.cookieCategoryId,
        sequence: { lt: event.sequence },
      },
      orderBy: { sequence: "asc" },
      select: { id: true, decision: true, channel: true, occurredAt: true, expiresAt: true },
    }),
    db.tenant.findFirstOrThrow(),
  ]);
  await recordAudit(db, ctx, { operation: "consentReceipt", subjectId: event.subjectId });
  const target = event.purpose
    ? { key: event.purpose.key, name: event.purpose.name, legalBasis: event.purpose.legalBasis }
    : { key: `cookies:${event.cookieCategory?.key}`, name: `Cookies: ${event.cookieCategory?.name}`, legalBasis: "CONSENT" as const };
  return buildConsentReceipt({
    receiptId: randomUUID(),
    issuedAt: new Date(),
    event,
    eventHash: event.hash,
    earlierEvents,
    controller: { name: tenant.controllerName, email: tenant.controllerEmail, address: tenant.controllerAddress ?? "" },
    purpose: target,
    policyVersion: event.policyVersion && {
      version: event.policyVersion.version,
      language: event.policyVersion.language,
      url: event.policyVersion.url,
    },
  });
}
