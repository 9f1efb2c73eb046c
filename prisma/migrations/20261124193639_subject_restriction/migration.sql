-- AlterTable
ALTER TABLE "DataSubject" ADD COLUMN     "restrictedAt" TIMESTAMP(3);
