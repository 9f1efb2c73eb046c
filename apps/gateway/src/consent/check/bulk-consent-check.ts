/**
 * The bulk consent check a company app makes before a campaign: many subjects' current decision for one purpose,
 * judged by the same validity rules as `consentState` (consent-check.ts). One SQL read for the whole list, the cached
 * catalogue, and one audit entry for the call naming the purpose and how many subjects it covered, instead of one
 * entry per subject.
 */
import { createHash } from "node:crypto";
import type { ConsentChannel, ConsentDecision } from "@custos/db";
import { auditedRead } from "../../audit/audit-service.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import type { ConsentValidity } from "../ledger/validity.ts";
import { consentPurpose } from "../record/consent-service.ts";
import { judge, PURPOSE_VALIDITY_MONTHS, policyVersionFacts, type StateRow } from "./consent-check.ts";

/** Ids per call: a 10,000-id request stays well inside the gateway's 1 MiB body and answers in a fraction of a second. */
export const MAX_BULK_SUBJECTS = 10_000;

export interface SubjectPurposeCheck {
  subjectId: string;
  restricted: boolean;
  state: StateRow | null;
  validity: ConsentValidity;
  processingAllowed: boolean;
}

/** A known subject, with null state columns when it never decided for the purpose. */
interface KnownSubjectRow {
  externalId: string;
  restrictedAt: Date | null;
  decision: ConsentDecision | null;
  channel: ConsentChannel | null;
  decidedAt: Date | null;
  expiresAt: Date | null;
  policyVersionId: string | null;
}

/**
 * Known subjects among `externalIds`, each with its state for the purpose (null columns when never asked). Raw SQL is
 * not tenant-scoped by the client, so the tenant is named here; a subject of another tenant with the same id is not
 * found, as if it did not exist.
 *
 * Each id is looked up in the (tenantId, externalId) index: a plain join or `= ANY` lets the planner hash or scan the
 * whole subject table for every call once it holds a million rows (2-3× slower per call, and growing with the table).
 * `LIMIT 1` in the lateral subquery (the pair is unique, so it drops nothing) keeps it an index lookup per id.
 */
export function readKnownSubjects(ctx: Pick<Context, "prisma" | "tenantId">, externalIds: readonly string[], purposeId: string) {
  return ctx.prisma.$queryRaw<KnownSubjectRow[]>`
    SELECT s."externalId", s."restrictedAt", c.decision::text AS decision, c.channel::text AS channel, c."decidedAt",
      c."expiresAt", c."policyVersionId"::text AS "policyVersionId"
    FROM unnest(${externalIds}::text[]) AS asked("externalId")
    CROSS JOIN LATERAL (
      SELECT id, "externalId", "restrictedAt" FROM "DataSubject"
      WHERE "tenantId" = ${ctx.tenantId}::uuid AND "externalId" = asked."externalId"
      LIMIT 1) s
    LEFT JOIN "ConsentState" c ON c."subjectId" = s.id AND c."purposeId" = ${purposeId}::uuid`;
}

function stateOf(row: KnownSubjectRow | undefined): StateRow | null {
  if (!row?.decision || !row.channel || !row.decidedAt) return null;
  const { decision, channel, decidedAt, expiresAt, policyVersionId } = row;
  return { decision, channel, decidedAt, expiresAt, policyVersionId };
}

/** The ids as a set, sorted and one per line, hashed: an auditor holding the app's list can tell it was this one. */
function digestOf(externalIds: readonly string[]): string {
  return createHash("sha256")
    .update([...externalIds].sort().join("\n"))
    .digest("hex");
}

/**
 * One entry per requested id, in the order asked (a repeated id is answered each time it appears). A subject the
 * gateway has never seen answers NOT_ASKED and not allowed, exactly as one that was never asked does.
 */
export async function checkConsentInBulk(
  ctx: Pick<Context, "prisma" | "caller" | "tenantId" | "requestId">,
  purposeKey: string,
  subjectIds: readonly string[],
): Promise<SubjectPurposeCheck[]> {
  if (subjectIds.length > MAX_BULK_SUBJECTS) {
    throw new CustosError(
      "TOO_MANY_SUBJECTS",
      `consentStates checks at most ${MAX_BULK_SUBJECTS} subject ids per call; split the list into calls of that size.`,
      { maxSubjects: MAX_BULK_SUBJECTS },
    );
  }
  subjectIds.forEach((subjectId, index) => {
    try {
      parseSubjectId(subjectId);
    } catch (error) {
      // The message names the position, not the value: an id may be personal data.
      if (error instanceof CustosError) throw new CustosError(error.code, `subjectIds[${index}]: ${error.message}`);
      throw error;
    }
  });
  const purpose = await consentPurpose(ctx.prisma, ctx.tenantId, purposeKey);
  const distinct = [...new Set(subjectIds)];
  const now = new Date();
  const action = {
    operation: "consentStates",
    details: { purpose: purpose.key, subjects: distinct.length, subjectIdsSha256: digestOf(distinct) },
  };
  const [rows, policies] = await auditedRead(ctx, action, () =>
    Promise.all([readKnownSubjects(ctx, distinct, purpose.id), policyVersionFacts(ctx.prisma)]),
  );
  const known = new Map(rows.map((row) => [row.externalId, row]));
  return subjectIds.map((subjectId) => {
    const row = known.get(subjectId);
    const state = stateOf(row);
    const restricted = row?.restrictedAt != null;
    const validity = judge(state ?? undefined, policies, PURPOSE_VALIDITY_MONTHS, now);
    return { subjectId, restricted, state, validity, processingAllowed: validity.processingAllowed && !restricted };
  });
}
