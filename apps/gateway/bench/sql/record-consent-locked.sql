-- The same statements with the tenant's chain head locked from the first write to the commit, as
-- consent/ledger-writer.ts holds it: every writer of the tenant waits for the one before.
\set n random(1, 2000000000)
BEGIN;
SELECT sequence AS head, hash AS headhash FROM "ConsentChainHead" WHERE "tenantId" = ':tenant' FOR UPDATE \gset
INSERT INTO "DataSubject" (id, "tenantId", "externalId") VALUES (gen_random_uuid(), ':tenant', 'pgbench-locked-' || :client_id || '-' || :n)
  ON CONFLICT ("tenantId", "externalId") DO NOTHING;
SELECT id AS subject FROM "DataSubject" WHERE "tenantId" = ':tenant' AND "externalId" = 'pgbench-locked-' || :client_id || '-' || :n \gset
INSERT INTO "ConsentEvent" (id, "tenantId", "subjectId", "purposeId", decision, channel, "occurredAt", "proofDigest", sequence, "previousHash", hash)
  VALUES (gen_random_uuid(), ':tenant', ':subject', ':purpose', 'GRANTED', 'API', now(), md5(random()::text),
    :head + 1, ':headhash', md5(':headhash' || random()::text))
  RETURNING id AS event, hash AS newhash \gset
INSERT INTO "ConsentState" ("subjectId", "purposeId", decision, channel, "lastEventId", "decidedAt")
  VALUES (':subject', ':purpose', 'GRANTED', 'API', ':event', now())
  ON CONFLICT ("subjectId", "purposeId") DO UPDATE SET decision = excluded.decision, "lastEventId" = excluded."lastEventId", "decidedAt" = excluded."decidedAt";
INSERT INTO "AuditLogEntry" (id, "tenantId", actor, operation, "subjectId", "requestId")
  VALUES (gen_random_uuid(), ':tenant', 'service:pgbench', 'recordConsent', ':subject', 'pgbench');
UPDATE "ConsentChainHead" SET sequence = :head + 1, hash = ':newhash' WHERE "tenantId" = ':tenant';
END;
