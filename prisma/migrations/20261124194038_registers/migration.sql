-- AlterTable
ALTER TABLE "DisclosureRecord" ADD COLUMN     "noticeGivenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "RetentionRun" ADD COLUMN     "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "startedBy" TEXT NOT NULL DEFAULT 'cli';

-- AlterTable
ALTER TABLE "TransferRecord" ADD COLUMN     "individualNoticeGiven" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "separateConsentObtained" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "subjectJurisdictions" TEXT[];

-- CreateTable
CREATE TABLE "RetentionTask" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "dataSystemId" UUID NOT NULL,
    "dataCategoryId" UUID NOT NULL,
    "action" "RetentionAction" NOT NULL,
    "trigger" "RetentionTrigger" NOT NULL,
    "clockStartBefore" TIMESTAMP(3) NOT NULL,
    "heldSubjectIds" TEXT[],
    "status" "TaskStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "RetentionTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_DataCategoryToProcessor" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_DataCategoryToProcessor_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_ProcessorToPurpose" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_ProcessorToPurpose_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "RetentionTask_dataSystemId_status_idx" ON "RetentionTask"("dataSystemId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionTask_runId_dataSystemId_dataCategoryId_key" ON "RetentionTask"("runId", "dataSystemId", "dataCategoryId");

-- CreateIndex
CREATE INDEX "_DataCategoryToProcessor_B_index" ON "_DataCategoryToProcessor"("B");

-- CreateIndex
CREATE INDEX "_ProcessorToPurpose_B_index" ON "_ProcessorToPurpose"("B");

-- CreateIndex
CREATE INDEX "RetentionRun_tenantId_startedAt_idx" ON "RetentionRun"("tenantId", "startedAt");

-- AddForeignKey
ALTER TABLE "RetentionTask" ADD CONSTRAINT "RetentionTask_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionTask" ADD CONSTRAINT "RetentionTask_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RetentionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionTask" ADD CONSTRAINT "RetentionTask_dataSystemId_fkey" FOREIGN KEY ("dataSystemId") REFERENCES "DataSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionTask" ADD CONSTRAINT "RetentionTask_dataCategoryId_fkey" FOREIGN KEY ("dataCategoryId") REFERENCES "DataCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_DataCategoryToProcessor" ADD CONSTRAINT "_DataCategoryToProcessor_A_fkey" FOREIGN KEY ("A") REFERENCES "DataCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_DataCategoryToProcessor" ADD CONSTRAINT "_DataCategoryToProcessor_B_fkey" FOREIGN KEY ("B") REFERENCES "Processor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ProcessorToPurpose" ADD CONSTRAINT "_ProcessorToPurpose_A_fkey" FOREIGN KEY ("A") REFERENCES "Processor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ProcessorToPurpose" ADD CONSTRAINT "_ProcessorToPurpose_B_fkey" FOREIGN KEY ("B") REFERENCES "Purpose"("id") ON DELETE CASCADE ON UPDATE CASCADE;
