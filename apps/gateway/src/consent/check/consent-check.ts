/**
 * The consent check an app makes before processing: per consent-based purpose and per cookie category, the current
 * decision judged by the validity rules (withdrawn, expired, needs renewal after a material policy change) and the
 * subject's restriction of processing. Reads the subject with its current-state rows and writes its audit entry in one
 * statement, after the small catalogue tables, shared across requests for a second (catalogue-cache.ts).
 */

import { randomUUID } from "node:crypto";
import { type ConsentChannel, type ConsentDecision, LegalBasis, Prisma, type TenantScopedPrisma } from "@custos/db";
import { type AuditEntry, entryRow } from "../../audit/audit-entry.ts";
import { cachedCatalogue } from "../../catalogue/catalogue-cache.ts";
import { groupCommit, type Outcome, oneAtATimeAfterFailure } from "../../ground/group-commit.ts";
import {
  CNIL_COOKIE_CHOICE_MONTHS,
  type ConsentValidity,
  consentValidity,
  laterMaterialPolicyEffective,
  type PolicyVersionFacts,
} from "../ledger/validity.ts";

/** Consent to a purpose lasts until withdrawn unless the decision set its own expiry. */
export const PURPOSE_VALIDITY_MONTHS = null;

export interface StateRow {
  decision: ConsentDecision;
  channel: ConsentChannel;
  decidedAt: Date;
  expiresAt: Date | null;
  policyVersionId: string | null;
}

export function judge(
  state: StateRow | undefined,
  policies: readonly PolicyVersionFacts[],
  months: number | null,
  now: Date,
): ConsentValidity {
  return consentValidity({
    state: state ?? null,
    laterMaterialPolicyEffective: state ? laterMaterialPolicyEffective(state.policyVersionId, policies, now) : false,
    defaultValidityMonths: months,
    now,
  });
}

interface StoredState extends StateRow {
  /** The purpose's or the cookie category's id. */
  targetId: string;
  /** The consent event that made the current decision: the person's receipt is for it. */
  eventId: string;
}

/** Epoch milliseconds of a stored timestamp, which PostgreSQL keeps without a zone and Prisma writes in UTC. */
const epochMs = (column: Prisma.Sql) => Prisma.sql`round(extract(epoch FROM ${column}) * 1000)`;

function stateColumns(alias: string, target: string): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return Prisma.sql`json_build_object('targetId', ${column(target)}, 'eventId', ${column("lastEventId")}, 'decision', ${column("decision")},
    'channel', ${column("channel")}, 'decidedAt', ${epochMs(column("decidedAt"))}, 'expiresAt', ${epochMs(column("expiresAt"))}, 'policyVersionId', ${column("policyVersionId")})`;
}

type StoredStateJson = Omit<StoredState, "decidedAt" | "expiresAt"> & { decidedAt: number; expiresAt: number | null };
const fromJson = (row: StoredStateJson): StoredState => ({
  ...row,
  decidedAt: new Date(row.decidedAt),
  expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt),
});

interface SubjectWithStates {
  id: string;
  restrictedAt: Date | null;
  consentStates: StoredState[];
  cookieConsentStates: StoredState[];
}

/** One statement of this many lookups by unique key, and their audit entries, stays well under a millisecond. */
const MAX_LOOKUPS = 256;
const AUDITED_OPERATION = "consentState";

/**
 * The subject and its current decisions, the hottest read an app makes, with its audit entry committed in the same
 * statement: one round trip per check instead of a read and then an INSERT. The checks that arrive while a batch is
 * read share the next statement (batching/group-commit.ts): one plan and one commit for them all. One batch at a time
 * per tenant made the largest batches; a second under way only made them smaller. A batch starts after each of its
 * checks arrived, so it sees every decision acknowledged before.
 */
const auditedSubjectRead = groupCommit<TenantScopedPrisma, AuditedLookup, SubjectWithStates | null>({
  maxBatch: MAX_LOOKUPS,
  maxInFlight: 1,
  write: oneAtATimeAfterFailure(lookUpAndAudit),
});

interface AuditedLookup {
  ctx: AuditEntry["ctx"];
  /** The app's id for the person. */
  subjectId: string;
  occurredAt: Date;
}

/**
 * Raw SQL is not scoped by the tenant-scoped client, so each lookup names its tenant. An entry names the subject it
 * found, or none for a subject never seen.
 */
async function lookUpAndAudit(db: TenantScopedPrisma, lookups: readonly AuditedLookup[]): Promise<Outcome<SubjectWithStates | null>[]> {
  const entries = lookups.map(({ ctx }) => entryRow({ ctx, action: { operation: AUDITED_OPERATION } }));
  const rows = await db.$queryRaw<
    { lookup: bigint; id: string; restrictedAt: Date | null; consentStates: StoredStateJson[]; cookieConsentStates: StoredStateJson[] }[]
  >`
    WITH w AS (
      SELECT * FROM unnest(${entries.map((entry) => entry.tenantId)}::uuid[], ${lookups.map((lookup) => lookup.subjectId)}::text[],
        ${entries.map(() => randomUUID())}::uuid[], ${entries.map((entry) => entry.actor)}::text[],
        ${entries.map((entry) => entry.requestId)}::text[], ${lookups.map((lookup) => lookup.occurredAt)}::timestamp(3)[])
        WITH ORDINALITY AS w("tenantId", "externalId", "entryId", actor, "requestId", "occurredAt", lookup)
    ), found AS (
      SELECT w.lookup, s.id, s."restrictedAt",
        coalesce((SELECT json_agg(${stateColumns("c", "purposeId")}) FROM "ConsentState" c WHERE c."subjectId" = s.id), '[]')
          AS "consentStates",
        coalesce((SELECT json_agg(${stateColumns("k", "cookieCategoryId")}) FROM "CookieConsentState" k WHERE k."subjectId" = s.id),
          '[]') AS "cookieConsentStates"
      FROM w JOIN "DataSubject" s ON s."tenantId" = w."tenantId" AND s."externalId" = w."externalId"
    ), audited AS (
      INSERT INTO "AuditLogEntry" (id, "tenantId", actor, operation, "subjectId", "requestId", "occurredAt")
      SELECT w."entryId", w."tenantId", w.actor, ${AUDITED_OPERATION}, found.id, w."requestId", w."occurredAt"
      FROM w LEFT JOIN found ON found.lookup = w.lookup
    )
    SELECT * FROM found`;
  const found = new Map(
    rows.map(({ lookup, ...row }) => [
      Number(lookup) - 1,
      { ...row, consentStates: row.consentStates.map(fromJson), cookieConsentStates: row.cookieConsentStates.map(fromJson) },
    ]),
  );
  return lookups.map((_lookup, index) => ({ value: found.get(index) ?? null }));
}

/** What the validity rules need of every policy version, from the catalogue shared for a second. */
export function policyVersionFacts(db: TenantScopedPrisma): Promise<PolicyVersionFacts[]> {
  return cachedCatalogue(db, "policy versions", () =>
    db.policyVersion.findMany({ select: { id: true, kind: true, effectiveAt: true, material: true } }),
  );
}

/**
 * The catalogues are read first (shared for a second, so seldom from the database), so that a check that fails reading
 * them leaves no audit entry: the entry is committed with the subject's read, the check's last statement.
 */
export async function currentConsent(db: TenantScopedPrisma, ctx: AuditEntry["ctx"], subjectId: string) {
  const now = new Date();
  const [purposes, cookieCategories, policies] = await Promise.all([
    cachedCatalogue(db, "consent purposes", () =>
      db.purpose.findMany({ where: { legalBasis: LegalBasis.CONSENT }, orderBy: { position: "asc" } }),
    ),
    cachedCatalogue(db, "cookie categories", () => db.cookieCategory.findMany({ orderBy: { position: "asc" } })),
    policyVersionFacts(db),
  ]);
  const subject = await auditedSubjectRead(db, { ctx, subjectId, occurredAt: now });
  const restricted = subject?.restrictedAt != null;
  return {
    subjectId,
    restricted,
    purposes: purposes.map((purpose) => {
      const state = subject?.consentStates.find((row) => row.targetId === purpose.id);
      const validity = judge(state, policies, PURPOSE_VALIDITY_MONTHS, now);
      return { purpose, state: state ?? null, validity, processingAllowed: validity.processingAllowed && !restricted };
    }),
    cookieCategories: cookieCategories.map((category) => {
      const state = subject?.cookieConsentStates.find((row) => row.targetId === category.id);
      const validity = judge(state, policies, CNIL_COOKIE_CHOICE_MONTHS, now);
      // Strictly necessary cookies need no consent (ePrivacy Art. 5(3) exemption), so they are always allowed.
      return { category, state: state ?? null, validity, processingAllowed: category.required || validity.processingAllowed };
    }),
  };
}

export type SubjectConsentCheck = Awaited<ReturnType<typeof currentConsent>>;
