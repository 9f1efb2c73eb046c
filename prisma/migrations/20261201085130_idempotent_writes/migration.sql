-- DropIndex
DROP INDEX "ConsentEvent_tenantId_idempotencyKey_key";

-- AlterTable
ALTER TABLE "ConsentEvent" DROP COLUMN "idempotencyKey";

-- CreateTable
CREATE TABLE "IdempotentWrite" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "subjectId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "eventIds" UUID[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotentWrite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IdempotentWrite_tenantId_scope_subjectId_key_key" ON "IdempotentWrite"("tenantId", "scope", "subjectId", "key");

-- AddForeignKey
ALTER TABLE "IdempotentWrite" ADD CONSTRAINT "IdempotentWrite_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotentWrite" ADD CONSTRAINT "IdempotentWrite_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
