-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN     "deadlineMovedFrom" TIMESTAMP(3),
ADD COLUMN     "deadlineProvisional" BOOLEAN NOT NULL DEFAULT false;
