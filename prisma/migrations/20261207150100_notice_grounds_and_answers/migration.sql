-- AlterTable
ALTER TABLE "LegalHold" ADD COLUMN     "ground" TEXT;

-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "refusalGround" TEXT;
