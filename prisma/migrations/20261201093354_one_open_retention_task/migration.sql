-- AlterTable
ALTER TABLE "RetentionTask" ADD COLUMN     "open" BOOLEAN DEFAULT true;

-- Tasks already done are not open. Of duplicates that concurrent sweeps queued before this migration, the newest
-- stays the open one, and the others keep their status and can still be completed.
UPDATE "RetentionTask" SET "open" = NULL WHERE status IN ('DONE', 'FAILED');
UPDATE "RetentionTask" t SET "open" = NULL
WHERE t."open" AND EXISTS (
  SELECT 1 FROM "RetentionTask" newer
  WHERE newer."dataSystemId" = t."dataSystemId" AND newer."dataCategoryId" = t."dataCategoryId" AND newer."open"
    AND (newer."createdAt", newer.id) > (t."createdAt", t.id));

-- CreateIndex
CREATE UNIQUE INDEX "RetentionTask_dataSystemId_dataCategoryId_open_key" ON "RetentionTask"("dataSystemId", "dataCategoryId", "open");
