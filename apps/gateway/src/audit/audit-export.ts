import type { TenantScopedPrisma } from "@custos/db";
import { CustosError } from "../ground/errors.ts";
import { toCsv } from "../ground/exports/csv.ts";
import { parseSubjectId } from "../ground/identifiers/subject-id.ts";

export interface AuditLogFilterInput {
  operation?: string | null;
  actor?: string | null;
  subjectId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Beyond this an export is a database dump, not a document: narrow the filter (e.g. by month). */
export const MAX_AUDIT_EXPORT_ROWS = 100_000;

const COLUMNS = ["occurred_at", "actor", "operation", "subject_id", "details", "request_id", "entry_id"] as const;

export function auditLogWhere(filter: AuditLogFilterInput | null | undefined) {
  return {
    operation: filter?.operation ?? undefined,
    actor: filter?.actor ?? undefined,
    subject: filter?.subjectId ? { externalId: parseSubjectId(filter.subjectId) } : undefined,
    occurredAt: { gte: filter?.from ?? undefined, lt: filter?.to ?? undefined },
  };
}

export async function auditLogExport(
  db: TenantScopedPrisma,
  filter: AuditLogFilterInput | null | undefined,
  format: "CSV" | "JSON",
): Promise<string> {
  const where = auditLogWhere(filter);
  if ((await db.auditLogEntry.count({ where })) > MAX_AUDIT_EXPORT_ROWS) {
    throw new CustosError("EXPORT_TOO_LARGE", `More than ${MAX_AUDIT_EXPORT_ROWS} entries match; narrow the filter, e.g. by date.`);
  }
  const entries = await db.auditLogEntry.findMany({
    where,
    include: { subject: { select: { externalId: true } } },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
  });
  const rows = entries.map((entry) => ({
    occurred_at: entry.occurredAt.toISOString(),
    actor: entry.actor,
    operation: entry.operation,
    subject_id: entry.subject?.externalId ?? null,
    details: entry.details,
    request_id: entry.requestId,
    entry_id: entry.id,
  }));
  if (format === "JSON") return JSON.stringify(rows, null, 2);
  // A cell holds text: the details object as its JSON.
  return toCsv(
    COLUMNS,
    rows.map((row) => ({ ...row, details: row.details === null ? null : JSON.stringify(row.details) })),
  );
}
