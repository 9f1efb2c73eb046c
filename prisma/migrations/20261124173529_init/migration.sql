-- CreateEnum
CREATE TYPE "ApiKeyKind" AS ENUM ('PUBLISHABLE', 'SERVICE', 'PARTNER', 'STAFF', 'AUDITOR');

-- CreateEnum
CREATE TYPE "LegalBasis" AS ENUM ('CONTRACT', 'LEGITIMATE_INTEREST', 'CONSENT', 'LEGAL_OBLIGATION');

-- CreateEnum
CREATE TYPE "ConsentDecision" AS ENUM ('GRANTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ConsentChannel" AS ENUM ('BANNER', 'PREFERENCE_CENTRE', 'UNSUBSCRIBE_LINK', 'SUPPORT_AGENT', 'API', 'GPC_SIGNAL');

-- CreateEnum
CREATE TYPE "PolicyKind" AS ENUM ('PRIVACY', 'COOKIE');

-- CreateEnum
CREATE TYPE "RequestType" AS ENUM ('ACCESS', 'RECTIFICATION', 'ERASURE', 'PORTABILITY', 'RESTRICTION', 'OBJECTION', 'OPT_OUT_OF_SALE', 'QUESTION', 'COMPLAINT');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('RECEIVED', 'AWAITING_VERIFICATION', 'VERIFIED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED', 'WITHDRAWN', 'ESCALATED');

-- CreateEnum
CREATE TYPE "VerificationMethod" AS ENUM ('EMAIL_CODE', 'SHOPPER_SESSION', 'DOCUMENT_CHECK');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('PENDING', 'CLAIMED', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "RetentionTrigger" AS ENUM ('COLLECTION', 'LAST_ACTIVITY', 'CONTRACT_END', 'REQUEST_CLOSED');

-- CreateEnum
CREATE TYPE "RetentionAction" AS ENUM ('DELETE', 'ANONYMISE');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "TransferMechanism" AS ENUM ('GDPR_ADEQUACY', 'GDPR_STANDARD_CONTRACTUAL_CLAUSES', 'GDPR_BINDING_CORPORATE_RULES', 'GDPR_DEROGATION', 'PIPL_SECURITY_ASSESSMENT', 'PIPL_CERTIFICATION', 'PIPL_STANDARD_CONTRACT', 'RU_152FZ_PRIOR_NOTICE');

-- CreateEnum
CREATE TYPE "LegalInstrument" AS ENUM ('COURT_ORDER', 'SUBPOENA', 'REGULATOR_REQUEST', 'LAW_ENFORCEMENT_REQUEST');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "controllerName" TEXT NOT NULL,
    "controllerEmail" TEXT NOT NULL,
    "controllerAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "ApiKeyKind" NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "dataSystemId" UUID,
    "processorId" UUID,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Purpose" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "legalBasis" "LegalBasis" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Purpose_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataCategory" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurposeDataCategory" (
    "purposeId" UUID NOT NULL,
    "dataCategoryId" UUID NOT NULL,

    CONSTRAINT "PurposeDataCategory_pkey" PRIMARY KEY ("purposeId","dataCategoryId")
);

-- CreateTable
CREATE TABLE "DataSubject" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "contactEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erasedAt" TIMESTAMP(3),

    CONSTRAINT "DataSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "purposeId" UUID,
    "cookieCategoryId" UUID,
    "decision" "ConsentDecision" NOT NULL,
    "channel" "ConsentChannel" NOT NULL,
    "policyVersionId" UUID,
    "jurisdiction" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "userAgent" TEXT,
    "ipHash" TEXT,
    "pageUrl" TEXT,
    "idempotencyKey" TEXT,

    CONSTRAINT "ConsentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentState" (
    "subjectId" UUID NOT NULL,
    "purposeId" UUID NOT NULL,
    "decision" "ConsentDecision" NOT NULL,
    "channel" "ConsentChannel" NOT NULL,
    "lastEventId" UUID NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ConsentState_pkey" PRIMARY KEY ("subjectId","purposeId")
);

-- CreateTable
CREATE TABLE "CookieConsentState" (
    "subjectId" UUID NOT NULL,
    "cookieCategoryId" UUID NOT NULL,
    "decision" "ConsentDecision" NOT NULL,
    "channel" "ConsentChannel" NOT NULL,
    "lastEventId" UUID NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "CookieConsentState_pkey" PRIMARY KEY ("subjectId","cookieCategoryId")
);

-- CreateTable
CREATE TABLE "CookieCategory" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CookieCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CookieVendor" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "cookieCategoryId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "privacyPolicyUrl" TEXT,

    CONSTRAINT "CookieVendor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cookie" (
    "id" UUID NOT NULL,
    "vendorId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "retention" TEXT NOT NULL,

    CONSTRAINT "Cookie_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "PolicyKind" NOT NULL,
    "version" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "url" TEXT,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "material" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subjectId" UUID,
    "type" "RequestType" NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "jurisdiction" TEXT NOT NULL,
    "contactEmail" TEXT,
    "details" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "extendedDueAt" TIMESTAMP(3),
    "extensionReason" TEXT,
    "verificationMethod" "VerificationMethod",
    "verifiedBy" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "feeCharged" BOOLEAN NOT NULL DEFAULT false,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "fromStatus" "RequestStatus",
    "toStatus" "RequestStatus" NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestTask" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "dataSystemId" UUID NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'PENDING',
    "claimedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "result" JSONB,

    CONSTRAINT "RequestTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataSystem" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "processorId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataSystem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "dataCategoryId" UUID NOT NULL,
    "periodMonths" INTEGER NOT NULL DEFAULT 36,
    "trigger" "RetentionTrigger" NOT NULL,
    "action" "RetentionAction" NOT NULL,
    "legalBasis" "LegalBasis" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetentionPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "dryRun" BOOLEAN NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalHold" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subjectId" UUID,
    "dataCategoryId" UUID,
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Processor" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "contactEmail" TEXT,
    "contractRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Processor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferRecord" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "processorId" UUID NOT NULL,
    "purposeId" UUID,
    "destinationCountry" TEXT NOT NULL,
    "mechanisms" "TransferMechanism"[],
    "safeguards" TEXT,
    "regulatorNoticeRef" TEXT,
    "regulatorNoticeAt" TIMESTAMP(3),
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferDataCategory" (
    "transferId" UUID NOT NULL,
    "dataCategoryId" UUID NOT NULL,

    CONSTRAINT "TransferDataCategory_pkey" PRIMARY KEY ("transferId","dataCategoryId")
);

-- CreateTable
CREATE TABLE "DisclosureRecord" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subjectId" UUID,
    "authority" TEXT NOT NULL,
    "instrument" "LegalInstrument" NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "dataDisclosed" TEXT NOT NULL,
    "disclosedAt" TIMESTAMP(3) NOT NULL,
    "subjectNotified" BOOLEAN NOT NULL DEFAULT false,
    "notNotifiedReason" TEXT,
    "noticeAllowedAfter" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLogEntry" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "subjectId" UUID,
    "requestId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "template" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_idx" ON "ApiKey"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Purpose_tenantId_key_key" ON "Purpose"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "DataCategory_tenantId_key_key" ON "DataCategory"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "DataSubject_tenantId_externalId_key" ON "DataSubject"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "ConsentEvent_subjectId_occurredAt_idx" ON "ConsentEvent"("subjectId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentEvent_tenantId_idempotencyKey_key" ON "ConsentEvent"("tenantId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "CookieCategory_tenantId_key_key" ON "CookieCategory"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "CookieVendor_tenantId_name_key" ON "CookieVendor"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Cookie_vendorId_name_domain_key" ON "Cookie"("vendorId", "name", "domain");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_tenantId_kind_language_version_key" ON "PolicyVersion"("tenantId", "kind", "language", "version");

-- CreateIndex
CREATE INDEX "PrivacyRequest_tenantId_status_dueAt_idx" ON "PrivacyRequest"("tenantId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "RequestEvent_requestId_occurredAt_idx" ON "RequestEvent"("requestId", "occurredAt");

-- CreateIndex
CREATE INDEX "RequestTask_dataSystemId_status_idx" ON "RequestTask"("dataSystemId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RequestTask_requestId_dataSystemId_key" ON "RequestTask"("requestId", "dataSystemId");

-- CreateIndex
CREATE UNIQUE INDEX "DataSystem_tenantId_key_key" ON "DataSystem"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionPolicy_tenantId_dataCategoryId_key" ON "RetentionPolicy"("tenantId", "dataCategoryId");

-- CreateIndex
CREATE UNIQUE INDEX "Processor_tenantId_name_key" ON "Processor"("tenantId", "name");

-- CreateIndex
CREATE INDEX "TransferRecord_tenantId_destinationCountry_idx" ON "TransferRecord"("tenantId", "destinationCountry");

-- CreateIndex
CREATE INDEX "AuditLogEntry_tenantId_occurredAt_idx" ON "AuditLogEntry"("tenantId", "occurredAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_dataSystemId_fkey" FOREIGN KEY ("dataSystemId") REFERENCES "DataSystem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_processorId_fkey" FOREIGN KEY ("processorId") REFERENCES "Processor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Purpose" ADD CONSTRAINT "Purpose_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataCategory" ADD CONSTRAINT "DataCategory_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeDataCategory" ADD CONSTRAINT "PurposeDataCategory_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeDataCategory" ADD CONSTRAINT "PurposeDataCategory_dataCategoryId_fkey" FOREIGN KEY ("dataCategoryId") REFERENCES "DataCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataSubject" ADD CONSTRAINT "DataSubject_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_cookieCategoryId_fkey" FOREIGN KEY ("cookieCategoryId") REFERENCES "CookieCategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentState" ADD CONSTRAINT "ConsentState_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentState" ADD CONSTRAINT "ConsentState_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CookieConsentState" ADD CONSTRAINT "CookieConsentState_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CookieConsentState" ADD CONSTRAINT "CookieConsentState_cookieCategoryId_fkey" FOREIGN KEY ("cookieCategoryId") REFERENCES "CookieCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CookieCategory" ADD CONSTRAINT "CookieCategory_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CookieVendor" ADD CONSTRAINT "CookieVendor_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CookieVendor" ADD CONSTRAINT "CookieVendor_cookieCategoryId_fkey" FOREIGN KEY ("cookieCategoryId") REFERENCES "CookieCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cookie" ADD CONSTRAINT "Cookie_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "CookieVendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestTask" ADD CONSTRAINT "RequestTask_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestTask" ADD CONSTRAINT "RequestTask_dataSystemId_fkey" FOREIGN KEY ("dataSystemId") REFERENCES "DataSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataSystem" ADD CONSTRAINT "DataSystem_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataSystem" ADD CONSTRAINT "DataSystem_processorId_fkey" FOREIGN KEY ("processorId") REFERENCES "Processor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionPolicy" ADD CONSTRAINT "RetentionPolicy_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionPolicy" ADD CONSTRAINT "RetentionPolicy_dataCategoryId_fkey" FOREIGN KEY ("dataCategoryId") REFERENCES "DataCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionRun" ADD CONSTRAINT "RetentionRun_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalHold" ADD CONSTRAINT "LegalHold_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalHold" ADD CONSTRAINT "LegalHold_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalHold" ADD CONSTRAINT "LegalHold_dataCategoryId_fkey" FOREIGN KEY ("dataCategoryId") REFERENCES "DataCategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Processor" ADD CONSTRAINT "Processor_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferRecord" ADD CONSTRAINT "TransferRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferRecord" ADD CONSTRAINT "TransferRecord_processorId_fkey" FOREIGN KEY ("processorId") REFERENCES "Processor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferRecord" ADD CONSTRAINT "TransferRecord_purposeId_fkey" FOREIGN KEY ("purposeId") REFERENCES "Purpose"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferDataCategory" ADD CONSTRAINT "TransferDataCategory_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "TransferRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferDataCategory" ADD CONSTRAINT "TransferDataCategory_dataCategoryId_fkey" FOREIGN KEY ("dataCategoryId") REFERENCES "DataCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureRecord" ADD CONSTRAINT "DisclosureRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureRecord" ADD CONSTRAINT "DisclosureRecord_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "DataSubject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLogEntry" ADD CONSTRAINT "AuditLogEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
