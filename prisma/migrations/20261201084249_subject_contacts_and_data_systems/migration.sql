-- AlterTable
ALTER TABLE "DataSubject" ADD COLUMN     "contactEmailVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "language" TEXT;

-- AlterTable
ALTER TABLE "DataSystem" ADD COLUMN     "accountSystem" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN     "language" TEXT;

-- CreateTable
CREATE TABLE "_DataCategoryToDataSystem" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_DataCategoryToDataSystem_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "_DataCategoryToDataSystem_B_index" ON "_DataCategoryToDataSystem"("B");

-- AddForeignKey
ALTER TABLE "_DataCategoryToDataSystem" ADD CONSTRAINT "_DataCategoryToDataSystem_A_fkey" FOREIGN KEY ("A") REFERENCES "DataCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_DataCategoryToDataSystem" ADD CONSTRAINT "_DataCategoryToDataSystem_B_fkey" FOREIGN KEY ("B") REFERENCES "DataSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
