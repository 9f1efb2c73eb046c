import type { TenantScopedPrisma } from "@custos/db";

/** Consent events fanned out per transaction. */
const BATCH = 500;

/**
 * Writes a delivery for every consent event since the last fan-out to every active endpoint of the tenant, under the
 * tenant's fan-out row lock (any number of gateways; the unique (endpoint, event) pair makes a replay write nothing).
 * Off the write path: the consent sequencer never waits for it. Returns how many events it fanned out.
 */
export async function fanOutConsentChanges(db: TenantScopedPrisma, tenantId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const endpoints = await tx.webhookEndpoint.findMany({ where: { disabledAt: null }, select: { id: true } });
    if (endpoints.length === 0) return 0;
    await tx.$executeRaw`INSERT INTO "WebhookFanOut" ("tenantId", "consentSequence") VALUES (${tenantId}::uuid, 0) ON CONFLICT DO NOTHING`;
    const [cursor] = await tx.$queryRaw<{ consentSequence: number }[]>`
      SELECT "consentSequence" FROM "WebhookFanOut" WHERE "tenantId" = ${tenantId}::uuid FOR UPDATE`;
    const events = await tx.consentEvent.findMany({
      where: { sequence: { gt: cursor?.consentSequence ?? 0 } },
      orderBy: { sequence: "asc" },
      take: BATCH,
      select: { id: true, sequence: true },
    });
    const last = events.at(-1);
    if (!last) return 0;
    await tx.webhookDelivery.createMany({
      data: endpoints.flatMap((endpoint) =>
        events.map((event) => ({ tenantId, endpointId: endpoint.id, type: "consent.changed", eventId: event.id })),
      ),
      skipDuplicates: true,
    });
    await tx.webhookFanOut.update({ where: { tenantId }, data: { consentSequence: last.sequence } });
    return events.length;
  });
}
