// The retention sweep against one raw UPDATE of the same rows, on a database of its own (catalogue only, so the
// sweep has the identity policy and nothing else to do).

import type { PrismaClient } from "@custos/db";
import { createPrismaClient, openDatabase, scopeToTenant, UNBOUNDED } from "@custos/db";
import { createMigratedTestDatabase } from "@custos/db/testing";
import { sweepRetention } from "../src/retention/sweep.ts";
import { seedSubjectsPastDue } from "../test/bulk-seed.ts";

export interface RetentionFigures {
  rows: number;
  sweepSeconds: number;
  rawUpdateSeconds: number;
  swept: number;
}

export async function sweepAgainstRawUpdate(adminUrl: string, rows: number): Promise<RetentionFigures> {
  await using database = await createMigratedTestDatabase("postgres", adminUrl);
  if (database.db.target.kind !== "postgres") throw new Error("the sweep is measured on PostgreSQL");
  // Seeding and the one-statement baseline run longer than the gateway's statement timeout allows.
  const unbounded = await openDatabase(database.db.target, UNBOUNDED);
  const prisma = createPrismaClient(unbounded);
  try {
    return await measure(prisma, database.prisma, rows);
  } finally {
    await prisma.$disconnect();
  }
}

async function measure(prisma: PrismaClient, gatewayPrisma: PrismaClient, rows: number): Promise<RetentionFigures> {
  const { id: tenantId } = await prisma.tenant.findFirstOrThrow();
  const collectedAt = new Date("2020-01-01T00:00:00.000Z");
  await seedSubjectsPastDue(prisma, tenantId, rows, collectedAt);
  await prisma.$executeRawUnsafe('VACUUM ANALYZE "DataSubject"');
  // The baseline: the erasure's UPDATE of every due row in one statement, rolled back so the sweep finds them due.
  let started = performance.now();
  await prisma
    .$transaction(async (tx) => {
      await tx.$executeRaw`
        UPDATE "DataSubject" SET "externalId" = 'erased:' || id::text, "contactEmail" = NULL, "contactEmailVerifiedAt" = NULL,
          language = NULL, "erasedAt" = now()
        WHERE "tenantId" = ${tenantId}::uuid AND "erasedAt" IS NULL AND "createdAt" < ${collectedAt.toISOString()}::timestamp(3) + interval '1 day'`;
      throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
  const rawUpdateSeconds = (performance.now() - started) / 1000;
  await prisma.$executeRawUnsafe('VACUUM ANALYZE "DataSubject"');
  started = performance.now();
  const result = await sweepRetention(scopeToTenant(gatewayPrisma, tenantId), tenantId);
  const sweepSeconds = (performance.now() - started) / 1000;
  return { rows, sweepSeconds, rawUpdateSeconds, swept: result.counts.identity?.processed ?? 0 };
}

class RollBack extends Error {}
