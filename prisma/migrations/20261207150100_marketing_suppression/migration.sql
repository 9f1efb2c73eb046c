-- CreateTable
CREATE TABLE "MarketingSuppression" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "mailboxHash" TEXT NOT NULL,
    "requestId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MarketingSuppression_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MarketingSuppression_tenantId_mailboxHash_key" ON "MarketingSuppression"("tenantId", "mailboxHash");

-- AddForeignKey
ALTER TABLE "MarketingSuppression" ADD CONSTRAINT "MarketingSuppression_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
