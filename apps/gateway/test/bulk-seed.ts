import type { PrismaClient } from "@custos/db";

/**
 * Inserts `count` subjects collected at `collectedAt` in one statement (generate_series), with the identity
 * category's retention policy, for the sweep's race and resume tests and its benchmark.
 */
export async function seedSubjectsPastDue(prisma: PrismaClient, tenantId: string, count: number, collectedAt: Date): Promise<void> {
  const identity = await prisma.dataCategory.findFirstOrThrow({ where: { tenantId, key: "identity" } });
  await prisma.retentionPolicy.upsert({
    where: { tenantId_dataCategoryId: { tenantId, dataCategoryId: identity.id } },
    create: { tenantId, dataCategoryId: identity.id, trigger: "COLLECTION", action: "ANONYMISE", legalBasis: "CONTRACT" },
    update: {},
  });
  await prisma.$executeRaw`
    INSERT INTO "DataSubject" (id, "tenantId", "externalId", "contactEmail", "createdAt")
    SELECT gen_random_uuid(), ${tenantId}::uuid, 'bulk-' || n, 'bulk-' || n || '@example.test', ${collectedAt.toISOString()}::timestamp(3)
    FROM generate_series(1, ${count}::int) AS n`;
}
