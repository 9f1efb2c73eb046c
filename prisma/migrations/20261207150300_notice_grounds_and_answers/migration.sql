-- AlterTable
ALTER TABLE "LegalHold" ADD COLUMN     "ground" TEXT;

-- AlterTable
ALTER TABLE "PrivacyRequest" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "refusalGround" TEXT;

-- Notices still to be sent name the request by the day it was received (issue 24). Those queued before this
-- migration were written without it, so it is added from their request (the column holds UTC without a zone).
UPDATE "OutboxMessage" AS o
SET payload = o.payload || jsonb_build_object('receivedAt', to_char(r."receivedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
FROM "PrivacyRequest" AS r
WHERE o.status IN ('PENDING', 'QUEUED', 'FAILED')
  AND o.template LIKE 'request.%'
  AND o.payload ? 'requestId'
  AND NOT o.payload ? 'receivedAt'
  AND r.id::text = o.payload->>'requestId';
