-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN     "senderKey" TEXT;
