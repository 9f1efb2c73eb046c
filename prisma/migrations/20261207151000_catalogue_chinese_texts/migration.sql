-- The catalogue's Chinese texts (issue 29): purposes and cookie categories, beside the Russian ones.
ALTER TABLE "Purpose" ADD COLUMN "nameZh" TEXT,
ADD COLUMN "descriptionZh" TEXT;

ALTER TABLE "CookieCategory" ADD COLUMN "nameZh" TEXT,
ADD COLUMN "descriptionZh" TEXT;
