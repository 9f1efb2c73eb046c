import { createHash } from "node:crypto";
import { Prisma, type TenantTransaction } from "@custos/db";

/**
 * Erases what Custos itself holds about a person, keeping the minimum the law lets a controller keep
 * to prove its own compliance (GDPR Art. 17(3)(e), Art. 7(1): the burden of proving consent):
 * - the subject row stays, with the app's id replaced by `erased:<row id>` and the contact points removed, so
 *   consent events, requests and audit entries still hang together but name no one;
 * - consent events keep decision, purpose, channel, policy version and time, and lose the proof
 *   fields that describe the person's device and page (user agent, IP hash, page URL, TCF and GPP strings);
 * - the client retry tokens recorded for their consent writes (key and payload hash) are deleted;
 * - a bulk consent check's audit entry that covered this subject alone loses the digest of its id (one id's SHA-256
 *   names them as well as the id; a digest of many ids names no one);
 * - a finished retention task that lists the app's id among its held subjects no longer names it (an open one still
 *   must, or the system it is for would erase what the hold keeps).
 * Every domain that erases (requests, retention) calls this, inside its own transaction.
 */
export async function eraseSubjectRecords(
  tx: TenantTransaction,
  subjectId: string,
  erasedAt = new Date(),
  options: { keepProof?: boolean } = {},
): Promise<void> {
  const subject = await tx.dataSubject.findUniqueOrThrow({ where: { id: subjectId }, select: { tenantId: true, externalId: true } });
  await tx.$executeRaw`
    UPDATE "RetentionTask" SET "heldSubjectIds" = array_remove("heldSubjectIds", ${subject.externalId})
    WHERE "tenantId" = ${subject.tenantId}::uuid AND open IS NULL AND ${subject.externalId} = ANY("heldSubjectIds")`;
  await tx.idempotentWrite.deleteMany({ where: { subjectId } });
  const digest = createHash("sha256").update(subject.externalId).digest("hex");
  await tx.$executeRaw`
    UPDATE "AuditLogEntry" SET details = details - 'subjectIdsSha256'
    WHERE "tenantId" = ${subject.tenantId}::uuid AND details ->> 'subjectIdsSha256' = ${digest}`;
  await tx.dataSubject.update({
    where: { id: subjectId },
    data: { externalId: `erased:${subjectId}`, contactEmail: null, contactEmailVerifiedAt: null, language: null, erasedAt },
  });
  // Device proof is `usage` data: a legal hold on that category keeps it.
  if (options.keepProof) return;
  await tx.consentEvent.updateMany({
    where: { subjectId },
    data: { userAgent: null, ipHash: null, pageUrl: null, tcString: null, gppString: null },
  });
}

/**
 * `eraseSubjectRecords` for many subjects in the statement that claims them, for the retention sweep, where a
 * row-by-row erasure of a million subjects would take hours: data-modifying CTEs over the subjects of the CTE
 * `claimed` (column `id`), which that statement defines. `= ANY(ARRAY(…))`, not a join: an index lookup per id
 * whatever the batch's size, where a join of a large batch may be planned as a scan of the whole table per batch.
 * Same result per subject; raw SQL, so the tenant is named here.
 */
export function eraseClaimedSubjects(tenantId: string, erasedAt: Date): Prisma.Sql {
  return Prisma.sql`erased_subjects AS (
      UPDATE "DataSubject" s SET "externalId" = 'erased:' || s.id::text, "contactEmail" = NULL, "contactEmailVerifiedAt" = NULL,
        language = NULL, "erasedAt" = ${erasedAt.toISOString()}::timestamp(3)
      WHERE s."tenantId" = ${tenantId}::uuid AND s.id = ANY(ARRAY(SELECT id FROM claimed))),
    dropped_device_proofs AS (
      UPDATE "ConsentEvent" e SET "userAgent" = NULL, "ipHash" = NULL, "pageUrl" = NULL, "tcString" = NULL, "gppString" = NULL
      WHERE e."tenantId" = ${tenantId}::uuid AND e."subjectId" = ANY(ARRAY(SELECT id FROM claimed))),
    dropped_retry_tokens AS (
      DELETE FROM "IdempotentWrite" w
      WHERE w."tenantId" = ${tenantId}::uuid AND w."subjectId" = ANY(ARRAY(SELECT id FROM claimed)))`;
}
