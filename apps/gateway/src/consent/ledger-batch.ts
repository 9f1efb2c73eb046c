/**
 * The sequencer's batch in two statements, each its own transaction unless run inside one: a read of what the batch
 * depends on (the chain head, the subjects, the claims' earlier writes, in one snapshot), then one write of
 * everything (subjects, events, states, claims, audit entries, the head) that takes effect only if the head is still
 * the one read. A head moved by another writer in between writes nothing, and the sequencer tries again under the
 * head's lock. Raw SQL is not tenant-scoped: every statement names the tenant, and the ids come from its rows.
 */
import { randomUUID } from "node:crypto";
import { type ConsentEvent, Prisma, type TenantTransaction } from "@custos/db";
import { type AuditEntry, auditRow } from "../audit/audit-service.ts";
import { claimSlot, type IdempotencyClaim } from "./idempotency.ts";
import { type ChainLink, GENESIS } from "./ledger/hash-chain.ts";

type RawClient = Pick<TenantTransaction, "$queryRaw">;

export interface BatchLookup {
  /** Null before the tenant's first event. */
  head: ChainLink | null;
  /** Internal ids of the subjects that exist, by the app's id. */
  subjects: Map<string, string>;
  /** The first write of each claim made before, by claim slot. */
  earlier: Map<string, { payloadHash: string; eventId: string | null }>;
}

interface LookupRow {
  head: ChainLink | null;
  subjects: { externalId: string; id: string }[];
  claims: { scope: string; subjectId: string; key: string; payloadHash: string; eventId: string | null }[];
}

/**
 * `lockHead` (inside a transaction) also locks the head row until the transaction ends. A lookup that waited for the
 * lock reads the subjects and claims as they were when it started, and may miss those of the batch it waited for:
 * the write then collides with them, fails, and the batch is tried again.
 */
export async function lookUpBatch(
  db: RawClient,
  tenantId: string,
  decisions: readonly { externalSubjectId: string; claim: IdempotencyClaim | null }[],
  options: { lockHead: boolean },
): Promise<BatchLookup> {
  const externalIds = [...new Set(decisions.map((decision) => decision.externalSubjectId))];
  const claimed = decisions.flatMap(({ claim, externalSubjectId }) => (claim ? [{ ...claim, externalSubjectId }] : []));
  const [row] = await db.$queryRaw<LookupRow[]>`
    SELECT
      (SELECT json_build_object('sequence', sequence, 'hash', hash) FROM "ConsentChainHead" WHERE "tenantId" = ${tenantId}::uuid
        ${options.lockHead ? Prisma.sql`FOR UPDATE` : Prisma.empty}) AS head,
      (SELECT coalesce(json_agg(json_build_object('externalId', "externalId", 'id', id)), '[]'::json) FROM "DataSubject"
        WHERE "tenantId" = ${tenantId}::uuid AND "externalId" = ANY(${externalIds}::text[])) AS subjects,
      (SELECT coalesce(json_agg(json_build_object('scope', w.scope, 'subjectId', w."subjectId", 'key', w.key,
          'payloadHash', w."payloadHash", 'eventId', w."eventIds"[1])), '[]'::json)
        FROM unnest(${claimed.map((claim) => claim.scope)}::text[], ${claimed.map((claim) => claim.externalSubjectId)}::text[],
          ${claimed.map((claim) => claim.key)}::text[]) AS c(scope, "externalId", key)
        JOIN "DataSubject" s ON s."tenantId" = ${tenantId}::uuid AND s."externalId" = c."externalId"
        JOIN "IdempotentWrite" w ON w."tenantId" = ${tenantId}::uuid AND w.scope = c.scope AND w."subjectId" = s.id AND w.key = c.key) AS claims`;
  if (!row) throw new Error("the batch lookup returned no row");
  return {
    head: row.head,
    subjects: new Map(row.subjects.map((subject) => [subject.externalId, subject.id])),
    earlier: new Map(row.claims.map((claim) => [claimSlot(claim, claim.subjectId), claim])),
  };
}

export interface BatchWrite {
  /** The head the lookup read, null before the tenant's first event; the write takes effect only while it is current. */
  from: ChainLink | null;
  /** Purpose decisions chained after `from`, in order; at least one. */
  events: readonly ConsentEvent[];
  /** Subjects first seen in this batch, with the ids their events were chained with. */
  newSubjects: readonly { id: string; externalId: string }[];
  claims: readonly { claim: IdempotencyClaim; subjectId: string; eventId: string }[];
  audits: readonly AuditEntry[];
}

const instant = (date: Date | null) => date?.toISOString() ?? null;

/** Writes the batch in one statement; false when the head had moved, and then nothing was written. */
export async function writeBatch(db: RawClient, tenantId: string, write: BatchWrite): Promise<boolean> {
  const { events } = write;
  const last = events.at(-1);
  if (!last) throw new Error("writeBatch needs at least one event");
  const from = write.from ?? GENESIS;
  // Taken from this process's clock, as Prisma stamps its defaults (the tests move that clock).
  const now = new Date().toISOString();
  const column = <T>(pick: (event: ConsentEvent) => T) => events.map(pick);
  const flag = (value: boolean | null) => (value === null ? null : String(value));
  // One state row per subject and purpose, at its latest decision: a statement may not update a row twice.
  const states = [...new Map(events.map((event) => [`${event.subjectId} ${event.purposeId}`, event])).values()];
  const state = <T>(pick: (event: ConsentEvent) => T) => states.map(pick);
  const audits = write.audits.map(auditRow);
  const [result] = await db.$queryRaw<{ moved: number }[]>`
    WITH moved AS (
      INSERT INTO "ConsentChainHead" ("tenantId", sequence, hash) VALUES (${tenantId}::uuid, ${last.sequence}, ${last.hash})
      ON CONFLICT ("tenantId") DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
        WHERE "ConsentChainHead".sequence = ${from.sequence} AND "ConsentChainHead".hash = ${from.hash}
      RETURNING 1
    ), subjects AS (
      INSERT INTO "DataSubject" (id, "tenantId", "externalId", "createdAt")
      SELECT s.id, ${tenantId}::uuid, s."externalId", ${now}::timestamp(3)
      FROM unnest(${write.newSubjects.map((subject) => subject.id)}::uuid[], ${write.newSubjects.map((subject) => subject.externalId)}::text[])
        AS s(id, "externalId")
      WHERE EXISTS (SELECT 1 FROM moved)
      -- A subject another writer created since the lookup keeps its own id; the events chained with ours then fail
      -- their foreign key, the statement writes nothing, and the batch is tried again.
      ON CONFLICT ("tenantId", "externalId") DO NOTHING
    ), events AS (
      INSERT INTO "ConsentEvent" (id, "tenantId", "subjectId", "purposeId", decision, channel, "policyVersionId", jurisdiction,
        "occurredAt", "expiresAt", "userAgent", "ipHash", "pageUrl", "proofDigest", gpc, "tcString", "gppString", sequence, "previousHash", hash)
      SELECT e.id, ${tenantId}::uuid, e."subjectId", e."purposeId", e.decision, e.channel, e."policyVersionId", e.jurisdiction,
        e."occurredAt", e."expiresAt", e."userAgent", e."ipHash", e."pageUrl", e."proofDigest", e.gpc, e."tcString", e."gppString",
        e.sequence, e."previousHash", e.hash
      FROM unnest(
        ${column((event) => event.id)}::uuid[], ${column((event) => event.subjectId)}::uuid[], ${column((event) => event.purposeId)}::uuid[],
        ${column((event) => event.decision)}::"ConsentDecision"[], ${column((event) => event.channel)}::"ConsentChannel"[],
        ${column((event) => event.policyVersionId)}::uuid[], ${column((event) => event.jurisdiction)}::text[],
        ${column((event) => instant(event.occurredAt))}::timestamp(3)[], ${column((event) => instant(event.expiresAt))}::timestamp(3)[],
        ${column((event) => event.userAgent)}::text[], ${column((event) => event.ipHash)}::text[], ${column((event) => event.pageUrl)}::text[],
        ${column((event) => event.proofDigest)}::text[], ${column((event) => flag(event.gpc))}::boolean[],
        ${column((event) => event.tcString)}::text[], ${column((event) => event.gppString)}::text[],
        ${column((event) => event.sequence)}::int[], ${column((event) => event.previousHash)}::text[], ${column((event) => event.hash)}::text[])
        AS e(id, "subjectId", "purposeId", decision, channel, "policyVersionId", jurisdiction, "occurredAt", "expiresAt", "userAgent",
          "ipHash", "pageUrl", "proofDigest", gpc, "tcString", "gppString", sequence, "previousHash", hash)
      WHERE EXISTS (SELECT 1 FROM moved)
    ), states AS (
      INSERT INTO "ConsentState" ("subjectId", "purposeId", decision, channel, "lastEventId", "decidedAt", "expiresAt", "policyVersionId", gpc)
      SELECT * FROM unnest(
        ${state((event) => event.subjectId)}::uuid[], ${state((event) => event.purposeId)}::uuid[],
        ${state((event) => event.decision)}::"ConsentDecision"[], ${state((event) => event.channel)}::"ConsentChannel"[],
        ${state((event) => event.id)}::uuid[], ${state((event) => instant(event.occurredAt))}::timestamp(3)[],
        ${state((event) => instant(event.expiresAt))}::timestamp(3)[], ${state((event) => event.policyVersionId)}::uuid[],
        ${state((event) => flag(event.gpc))}::boolean[])
      WHERE EXISTS (SELECT 1 FROM moved)
      ON CONFLICT ("subjectId", "purposeId") DO UPDATE SET decision = excluded.decision, channel = excluded.channel,
        "lastEventId" = excluded."lastEventId", "decidedAt" = excluded."decidedAt", "expiresAt" = excluded."expiresAt",
        "policyVersionId" = excluded."policyVersionId", gpc = excluded.gpc
    ), claims AS (
      -- No ON CONFLICT: a claim another writer made since the lookup fails the statement, which then writes nothing.
      INSERT INTO "IdempotentWrite" (id, "tenantId", scope, "subjectId", key, "payloadHash", "eventIds", "createdAt")
      SELECT c.id, ${tenantId}::uuid, c.scope, c."subjectId", c.key, c."payloadHash", ARRAY[c."eventId"], ${now}::timestamp(3)
      FROM unnest(${write.claims.map(() => randomUUID())}::uuid[], ${write.claims.map(({ claim }) => claim.scope)}::text[],
        ${write.claims.map(({ subjectId }) => subjectId)}::uuid[], ${write.claims.map(({ claim }) => claim.key)}::text[],
        ${write.claims.map(({ claim }) => claim.payloadHash)}::text[], ${write.claims.map(({ eventId }) => eventId)}::uuid[])
        AS c(id, scope, "subjectId", key, "payloadHash", "eventId")
      WHERE EXISTS (SELECT 1 FROM moved)
    ), audits AS (
      INSERT INTO "AuditLogEntry" (id, "tenantId", actor, operation, "subjectId", "requestId", "occurredAt")
      SELECT a.id, a."tenantId", a.actor, a.operation, a."subjectId", a."requestId", ${now}::timestamp(3)
      FROM unnest(${audits.map(() => randomUUID())}::uuid[], ${audits.map((audit) => audit.tenantId)}::uuid[],
        ${audits.map((audit) => audit.actor)}::text[], ${audits.map((audit) => audit.operation)}::text[],
        ${audits.map((audit) => audit.subjectId)}::uuid[], ${audits.map((audit) => audit.requestId)}::text[])
        AS a(id, "tenantId", actor, operation, "subjectId", "requestId")
      WHERE EXISTS (SELECT 1 FROM moved)
    )
    SELECT count(*)::int AS moved FROM moved`;
  return (result?.moved ?? 0) > 0;
}
