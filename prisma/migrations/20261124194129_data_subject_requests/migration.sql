-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN     "acknowledgeBy" TIMESTAMP(3),
ADD COLUMN     "deadlineRule" TEXT,
ADD COLUMN     "directMarketing" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "exportExpiresAt" TIMESTAMP(3),
ADD COLUMN     "exportPackage" JSONB,
ADD COLUMN     "extensionNoticeBy" TIMESTAMP(3),
ADD COLUMN     "initialDueAt" TIMESTAMP(3),
ADD COLUMN     "rejectionReason" TEXT,
ADD COLUMN     "verificationProvider" TEXT,
ADD COLUMN     "verificationReference" TEXT;

-- CreateTable
CREATE TABLE "RequestPause" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "RequestPause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestVerificationCode" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "salt" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestVerificationCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestPause_requestId_idx" ON "RequestPause"("requestId");

-- CreateIndex
CREATE INDEX "RequestVerificationCode_requestId_idx" ON "RequestVerificationCode"("requestId");

-- AddForeignKey
ALTER TABLE "RequestPause" ADD CONSTRAINT "RequestPause_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestVerificationCode" ADD CONSTRAINT "RequestVerificationCode_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
