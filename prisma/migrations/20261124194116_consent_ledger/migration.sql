-- DropForeignKey
ALTER TABLE "ConsentEvent" DROP CONSTRAINT "ConsentEvent_subjectId_fkey";

-- AlterTable
ALTER TABLE "ConsentEvent" ADD COLUMN     "gpc" BOOLEAN,
ADD COLUMN     "gppString" TEXT,
ADD COLUMN     "hash" TEXT NOT NULL,
ADD COLUMN     "previousHash" TEXT NOT NULL,
ADD COLUMN     "proofDigest" TEXT,
ADD COLUMN     "sequence" INTEGER NOT NULL,
ADD COLUMN     "tcString" TEXT;

-- AlterTable
ALTER TABLE "ConsentState" ADD COLUMN     "gpc" BOOLEAN,
ADD COLUMN     "policyVersionId" UUID;

-- AlterTable
ALTER TABLE "CookieConsentState" ADD COLUMN     "gpc" BOOLEAN,
ADD COLUMN     "policyVersionId" UUID;

-- AlterTable
ALTER TABLE "CookieVendor" ADD COLUMN     "purposes" TEXT[];

-- CreateTable
CREATE TABLE "ConsentChainHead" (
    "tenantId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "hash" TEXT NOT NULL,

    CONSTRAINT "ConsentChainHead_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "ConsentEvent_tenantId_occurredAt_idx" ON "ConsentEvent"("tenantId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentEvent_tenantId_sequence_key" ON "ConsentEvent"("tenantId", "sequence");

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentChainHead" ADD CONSTRAINT "ConsentChainHead_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
