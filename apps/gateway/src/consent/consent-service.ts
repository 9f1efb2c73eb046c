import { type ConsentChannel, type ConsentDecision, LegalBasis, type PrismaClient } from "@custos/db";
import { CustosError } from "../errors.ts";

export interface ConsentDecisionInput {
  subjectId: string;
  purposeKey: string;
  decision: ConsentDecision;
  channel: ConsentChannel;
  jurisdiction: string | null;
}

async function consentPurpose(prisma: PrismaClient, tenantId: string, key: string) {
  const purpose = await prisma.purpose.findUnique({ where: { tenantId_key: { tenantId, key } } });
  if (!purpose) throw new CustosError("UNKNOWN_PURPOSE", `There is no purpose with key "${key}"; the purposes query lists them.`);
  if (purpose.legalBasis !== LegalBasis.CONSENT) {
    throw new CustosError(
      "CONSENT_NOT_APPLICABLE",
      `Purpose "${key}" rests on ${purpose.legalBasis}, not consent, so no consent is recorded for it.`,
    );
  }
  return purpose;
}

type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

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
export async function recordConsentDecision(prisma: PrismaClient, tenantId: string, input: ConsentDecisionInput): Promise<string> {
  const purpose = await consentPurpose(prisma, tenantId, input.purposeKey);
  return prisma.$transaction(async (tx) => {
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
    return event.id;
  });
}

/** Every consent-based purpose with the subject's current decision on it, if any. */
export async function currentConsent(prisma: PrismaClient, tenantId: string, subjectId: string) {
  const purposes = await prisma.purpose.findMany({
    where: { tenantId, legalBasis: LegalBasis.CONSENT },
    orderBy: { position: "asc" },
    include: { consentStates: { where: { subject: { tenantId, externalId: subjectId } } } },
  });
  return purposes.map(({ consentStates, ...purpose }) => ({ purpose, state: consentStates[0] ?? null }));
}
