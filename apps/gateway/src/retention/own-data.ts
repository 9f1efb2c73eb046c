import { Prisma } from "@custos/db";
import { eraseClaimedSubjects } from "../subjects/erasure.ts";
import type { RetentionTrigger } from "./rules/retention-policy.ts";

/**
 * Personal data Custos itself holds, by the data category whose retention policy governs it. Everything
 * else a category covers lives in the registered data systems, which get retention tasks instead.
 * - `identity`: the DataSubject row (the app's id for the person and the contact e-mail). Subjects are never
 *   deleted, because proof of consent hangs off them, so DELETE and ANONYMISE both erase them with the
 *   shared erasure (`erased:<id>`, no e-mail, no device proof on their consent events).
 * - `usage`: the device proof on consent events (user agent, IP hash, page URL). DELETE and ANONYMISE both
 *   drop those fields; the decision itself stays as proof of consent.
 */
export interface OwnData {
  categoryKey: string;
  /** What a progress line calls one row. */
  noun: string;
  /** Alias `r`; must expose `r.id`, `r."tenantId"` and the holder's subject id. */
  table: Prisma.Sql;
  subjectIdColumn: Prisma.Sql;
  /** Rows not yet processed: the resume point of a killed sweep. */
  pending: Prisma.Sql;
  /** The instant the clock started, in SQL; null when Custos's copy has no such clock. */
  clockStart(trigger: RetentionTrigger): Prisma.Sql | null;
  /**
   * Data-modifying CTEs that process the rows of the CTE `claimed` (column `id`), written into the statement that
   * claims them: a batch is one statement, its ids never leave the database.
   */
  process(tenantId: string, now: Date): Prisma.Sql;
}

const lastActivityOfSubject = Prisma.sql`GREATEST(r."createdAt",
  (SELECT max(e."occurredAt") FROM "ConsentEvent" e WHERE e."subjectId" = r.id),
  (SELECT max(q."receivedAt") FROM "PrivacyRequest" q WHERE q."subjectId" = r.id))`;

const requestClosedOfSubject = Prisma.sql`(CASE
  WHEN EXISTS (SELECT 1 FROM "PrivacyRequest" q WHERE q."subjectId" = r.id AND q."closedAt" IS NULL) THEN NULL
  ELSE (SELECT max(q."closedAt") FROM "PrivacyRequest" q WHERE q."subjectId" = r.id) END)`;

export const OWN_DATA: readonly OwnData[] = [
  {
    categoryKey: "identity",
    noun: "subjects",
    table: Prisma.sql`"DataSubject" r`,
    subjectIdColumn: Prisma.sql`r.id`,
    pending: Prisma.sql`r."erasedAt" IS NULL`,
    clockStart: (trigger) => {
      if (trigger === "COLLECTION") return Prisma.sql`r."createdAt"`;
      if (trigger === "LAST_ACTIVITY") return lastActivityOfSubject;
      if (trigger === "REQUEST_CLOSED") return requestClosedOfSubject;
      // Custos does not know when a customer's contract ended; the apps that do get the task.
      return null;
    },
    process: (tenantId, now) => eraseClaimedSubjects(tenantId, now),
  },
  {
    categoryKey: "usage",
    noun: "consent proofs",
    table: Prisma.sql`"ConsentEvent" r`,
    subjectIdColumn: Prisma.sql`r."subjectId"`,
    pending: Prisma.sql`(r."userAgent" IS NOT NULL OR r."ipHash" IS NOT NULL OR r."pageUrl" IS NOT NULL)`,
    // A consent event is collected once and never active again, so both clocks start when it was recorded.
    clockStart: (trigger) => (trigger === "COLLECTION" || trigger === "LAST_ACTIVITY" ? Prisma.sql`r."occurredAt"` : null),
    process: (tenantId) => Prisma.sql`dropped_device_proofs AS (
        UPDATE "ConsentEvent" e SET "userAgent" = NULL, "ipHash" = NULL, "pageUrl" = NULL
        WHERE e."tenantId" = ${tenantId}::uuid AND e.id = ANY(ARRAY(SELECT id FROM claimed)))`,
  },
];
