-- AlterTable
ALTER TABLE "CookieCategory" ADD COLUMN     "descriptionRu" TEXT,
ADD COLUMN     "nameRu" TEXT;

-- AlterTable
ALTER TABLE "Purpose" ADD COLUMN     "descriptionRu" TEXT,
ADD COLUMN     "nameRu" TEXT;
