-- CreateEnum
CREATE TYPE "DestructionOutcome" AS ENUM ('DESTROYED', 'OTHER_BASIS');

-- CreateTable
CREATE TABLE "WithdrawalDestruction" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "purposeId" UUID NOT NULL,
    "withdrawalEventId" UUID NOT NULL,
    "withdrawnAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "deadlineRule" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "outcome" "DestructionOutcome",
    "basis" TEXT,
    "closedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WithdrawalDestruction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WithdrawalDestruction_withdrawalEventId_key" ON "WithdrawalDestruction"("withdrawalEventId");

-- CreateIndex
CREATE INDEX "WithdrawalDestruction_tenantId_closedAt_dueAt_idx" ON "WithdrawalDestruction"("tenantId", "closedAt", "dueAt");

-- AddForeignKey
ALTER TABLE "WithdrawalDestruction" ADD CONSTRAINT "WithdrawalDestruction_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WithdrawalDestruction" ADD CONSTRAINT "WithdrawalDestruction_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WithdrawalDestruction" ADD CONSTRAINT "WithdrawalDestruction_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
