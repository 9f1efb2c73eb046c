import type { PrismaClient } from "@custos/db";

/** A request's sender key counts a day's budgets (requests/intake/sender-key.ts); kept a day longer, then dropped. */
const SENDER_KEY_KEPT_MS = 2 * 86_400_000;

/**
 * Removes, in every tenant, what was copied only for a while: the package of each access or portability request whose
 * link expired, the records systems posted for requests that closed without a package (withdrawn, rejected), and the
 * sender keys of requests older than the budgets that count them. Plain UPDATEs, so gateways running it at once only
 * repeat each other's no-op.
 */
export async function purgeExpiredCopies(
  prisma: PrismaClient,
  now = new Date(),
): Promise<{ packages: number; taskResults: number; senderKeys: number }> {
  const packages = await prisma.$executeRaw`
    UPDATE "PrivacyRequest" SET "exportPackage" = NULL WHERE "exportPackage" IS NOT NULL AND "exportExpiresAt" < ${now}`;
  const taskResults = await prisma.$executeRaw`
    UPDATE "RequestTask" t SET result = NULL FROM "PrivacyRequest" r
    WHERE r.id = t."requestId" AND r."closedAt" IS NOT NULL AND t.result -> 'data' IS NOT NULL
      AND (r."exportExpiresAt" IS NULL OR r."exportExpiresAt" < ${now})`;
  const senderKeys = await prisma.$executeRaw`
    UPDATE "PrivacyRequest" SET "senderKey" = NULL
    WHERE "senderKey" IS NOT NULL AND "receivedAt" < ${new Date(now.getTime() - SENDER_KEY_KEPT_MS)}`;
  return { packages, taskResults, senderKeys };
}
