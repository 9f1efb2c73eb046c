-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allowedOrigins" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "sessionIssuer" TEXT,
ADD COLUMN     "sessionPublicJwk" JSONB;

-- CreateIndex
CREATE INDEX "AuditLogEntry_subjectId_idx" ON "AuditLogEntry"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_sessionIssuer_key" ON "Tenant"("sessionIssuer");

-- AddForeignKey
ALTER TABLE "AuditLogEntry" ADD CONSTRAINT "AuditLogEntry_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE SET NULL ON UPDATE CASCADE;
