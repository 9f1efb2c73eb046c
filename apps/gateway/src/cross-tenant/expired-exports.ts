import type { PrismaClient } from "@custos/db";

/**
 * Removes what a download link served once it has stopped working, in every tenant: the package of each access or
 * portability request whose link expired, and the records systems posted for requests that closed without a package
 * (withdrawn, rejected). Two plain UPDATEs, so gateways running it at once only repeat each other's no-op.
 */
export async function purgeExpiredExports(prisma: PrismaClient, now = new Date()): Promise<{ packages: number; taskResults: number }> {
  const packages = await prisma.$executeRaw`
    UPDATE "PrivacyRequest" SET "exportPackage" = NULL WHERE "exportPackage" IS NOT NULL AND "exportExpiresAt" < ${now}`;
  const taskResults = await prisma.$executeRaw`
    UPDATE "RequestTask" t SET result = NULL FROM "PrivacyRequest" r
    WHERE r.id = t."requestId" AND r."closedAt" IS NOT NULL AND t.result -> 'data' IS NOT NULL
      AND (r."exportExpiresAt" IS NULL OR r."exportExpiresAt" < ${now})`;
  return { packages, taskResults };
}
