-- The statements recordConsent commits for a new subject, raw: subject, event, state, audit. No chain lock; the
-- sequence comes from a database sequence, so concurrent writers never wait for each other.
\set n random(1, 2000000000)
BEGIN;
INSERT INTO "DataSubject" (id, "tenantId", "externalId") VALUES (gen_random_uuid(), ':tenant', 'pgbench-' || :client_id || '-' || :n)
  ON CONFLICT ("tenantId", "externalId") DO NOTHING;
SELECT id AS subject FROM "DataSubject" WHERE "tenantId" = ':tenant' AND "externalId" = 'pgbench-' || :client_id || '-' || :n \gset
INSERT INTO "ConsentEvent" (id, "tenantId", "subjectId", "purposeId", decision, channel, "occurredAt", "proofDigest", sequence, "previousHash", hash)
  VALUES (gen_random_uuid(), ':tenant', ':subject', ':purpose', 'GRANTED', 'API', now(), md5(random()::text),
    nextval('pgbench_sequence'), md5(random()::text), md5(random()::text))
  RETURNING id AS event \gset
INSERT INTO "ConsentState" ("subjectId", "purposeId", decision, channel, "lastEventId", "decidedAt")
  VALUES (':subject', ':purpose', 'GRANTED', 'API', ':event', now())
  ON CONFLICT ("subjectId", "purposeId") DO UPDATE SET decision = excluded.decision, "lastEventId" = excluded."lastEventId", "decidedAt" = excluded."decidedAt";
INSERT INTO "AuditLogEntry" (id, "tenantId", actor, operation, "subjectId", "requestId")
  VALUES (gen_random_uuid(), ':tenant', 'service:pgbench', 'recordConsent', ':subject', 'pgbench');
END;
