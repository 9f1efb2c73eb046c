-- AlterTable
ALTER TABLE "AuditLogEntry" ADD COLUMN     "details" JSONB;
