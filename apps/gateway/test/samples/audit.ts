// The audit wing's operations, each with a runnable sample and who may run it.
import type { OperationSample } from "./sample-types.ts";

export const auditSamples: Record<string, OperationSample> = {
  "Query.auditLog": {
    document: "{ auditLog(first: 5) { edges { node { id actor operation subjectId requestId occurredAt } } } }",
    variables: () => ({}),
    allowed: ["staff", "auditor"],
    audited: false,
  },
  "Query.auditLogExport": {
    document: "query ($filter: AuditLogFilter) { auditLogExport(filter: $filter, format: CSV) }",
    variables: () => ({ filter: { operation: "recordConsent" } }),
    allowed: ["staff", "auditor"],
    audited: true,
  },
};
