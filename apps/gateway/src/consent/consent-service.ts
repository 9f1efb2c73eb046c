import { type ConsentChannel, type ConsentDecision, LegalBasis, type TenantScopedPrisma } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import type { Context } from "../context.ts";
import { CustosError } from "../errors.ts";

export interface ConsentDecisionInput {
  subjectId: string;
  purposeKey: string;
  decision: ConsentDecision;
  channel: ConsentChannel;
  jurisdiction: string | null;
}

type Caller = Pick<Context, "caller" | "tenantId" | "requestId">;

async function consentPurpose(db: TenantScopedPrisma, tenantId: string, key: string) {
  const purpose = await db.purpose.findUnique({ where: { tenantId_key: { tenantId, key } } });
  if (!purpose) throw new CustosError("UNKNOWN_PURPOSE", `There is no purpose with key "${key}"; the purposes query lists them.`);
  if (purpose.legalBasis !== LegalBasis.CONSENT) {
    throw new CustosError(
      "CONSENT_NOT_APPLICABLE",
      `Purpose "${key}" rests on ${purpose.legalBasis}, not consent, so no consent is recorded for it.`,
    );
  }
  return purpose;
}

type Transaction = Parameters<Parameters<TenantScopedPrisma["$transaction"]>[0]>[0];

/**
 * Creates the subject if it is new and locks its row until the transaction ends, so concurrent
 * decisions for one person are written one after another and the latest event is the current state.
 */
async function lockSubject(tx: Transaction, tenantId: string, externalId: string): Promise<string> {
  await tx.dataSubject.createMany({ data: [{ tenantId, externalId }], skipDuplicates: true });
  const [subject] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "DataSubject" WHERE "tenantId" = ${tenantId}::uuid AND "externalId" = ${externalId} FOR UPDATE`;
  if (!subject) throw new Error("subject row vanished inside its own transaction");
  return subject.id;
}

/**
 * Appends the decision to the ledger and moves the subject's current state in the same transaction,
 * so the state never disagrees with the history. Returns the new event's id.
 */
export async function recordConsentDecision(db: TenantScopedPrisma, ctx: Caller, input: ConsentDecisionInput): Promise<string> {
  const { tenantId } = ctx;
  const purpose = await consentPurpose(db, tenantId, input.purposeKey);
  return db.$transaction(async (tx) => {
    const subjectId = await lockSubject(tx, tenantId, input.subjectId);
    const event = await tx.consentEvent.create({
      data: {
        tenantId,
        subjectId,
        purposeId: purpose.id,
        decision: input.decision,
        channel: input.channel,
        jurisdiction: input.jurisdiction,
        // Taken after the lock, so events for one subject are ordered as they were applied.
        occurredAt: new Date(),
      },
    });
    const state = { decision: event.decision, channel: event.channel, lastEventId: event.id, decidedAt: event.occurredAt };
    await tx.consentState.upsert({
      where: { subjectId_purposeId: { subjectId, purposeId: purpose.id } },
      create: { subjectId, purposeId: purpose.id, ...state },
      update: state,
    });
    await recordAudit(tx, ctx, { operation: "recordConsent", subjectId });
    return event.id;
  });
}

/** Every consent-based purpose with the subject's current decision on it, if any. */
export async function currentConsent(db: TenantScopedPrisma, ctx: Caller, subjectId: string) {
  const subject = await db.dataSubject.findUnique({ where: { tenantId_externalId: { tenantId: ctx.tenantId, externalId: subjectId } } });
  await recordAudit(db, ctx, { operation: "consentState", subjectId: subject?.id });
  const purposes = await db.purpose.findMany({
    where: { legalBasis: LegalBasis.CONSENT },
    orderBy: { position: "asc" },
    include: { consentStates: { where: { subject: { externalId: subjectId } } } },
  });
  return purposes.map(({ consentStates, ...purpose }) => ({ purpose, state: consentStates[0] ?? null }));
}
