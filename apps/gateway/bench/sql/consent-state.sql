-- The statements one consentState commits, raw: the subject with its current decisions (as consent-check.ts reads
-- them, in one statement) and its audit entry, each read its own commit as an ungrouped audit would be.
\set r random(1, :subjects)
SELECT s.id, s."restrictedAt",
  coalesce((SELECT json_agg(json_build_object('targetId', c."purposeId", 'decision', c.decision, 'decidedAt', c."decidedAt"))
    FROM "ConsentState" c WHERE c."subjectId" = s.id), '[]') AS states,
  coalesce((SELECT json_agg(json_build_object('targetId', k."cookieCategoryId", 'decision', k.decision, 'decidedAt', k."decidedAt"))
    FROM "CookieConsentState" k WHERE k."subjectId" = s.id), '[]') AS cookies
FROM "DataSubject" s WHERE s."tenantId" = ':tenant' AND s."externalId" = 'bench-' || :r \gset
INSERT INTO "AuditLogEntry" (id, "tenantId", actor, operation, "subjectId", "requestId", "occurredAt")
  VALUES (gen_random_uuid(), ':tenant', 'service:pgbench', 'consentState', ':id', 'pgbench', now());
