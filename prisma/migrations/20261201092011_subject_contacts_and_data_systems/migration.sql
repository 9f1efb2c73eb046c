-- AlterTable
ALTER TABLE "DataSubject" ADD COLUMN     "contactEmailVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "language" TEXT;

-- AlterTable
ALTER TABLE "DataSystem" ADD COLUMN     "accountSystem" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "dataCategoryKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN     "language" TEXT;
