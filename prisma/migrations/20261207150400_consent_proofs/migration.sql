-- CreateTable
CREATE TABLE "SigningKey" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "sealedPrivateKey" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentLogHead" (
    "tenantId" UUID NOT NULL,
    "treeSize" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ConsentLogHead_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "ConsentLogNode" (
    "tenantId" UUID NOT NULL,
    "level" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "ConsentLogNode_pkey" PRIMARY KEY ("tenantId","level","index")
);

-- CreateTable
CREATE TABLE "ConsentCheckpoint" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "treeSize" INTEGER NOT NULL,
    "rootHash" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "jws" TEXT NOT NULL,

    CONSTRAINT "ConsentCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SigningKey_tenantId_validFrom_idx" ON "SigningKey"("tenantId", "validFrom");

-- CreateIndex
CREATE INDEX "ConsentCheckpoint_tenantId_issuedAt_idx" ON "ConsentCheckpoint"("tenantId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentCheckpoint_tenantId_treeSize_key" ON "ConsentCheckpoint"("tenantId", "treeSize");

-- AddForeignKey
ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentLogHead" ADD CONSTRAINT "ConsentLogHead_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentLogNode" ADD CONSTRAINT "ConsentLogNode_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentCheckpoint" ADD CONSTRAINT "ConsentCheckpoint_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "consentManagementUrl" TEXT;
