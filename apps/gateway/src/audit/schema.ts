import { builder } from "../ground/builder.ts";
import { inExportSlot } from "../ground/exports/export-slots.ts";
import { auditLogExport, auditLogWhere } from "./audit-export.ts";
import { recordAudit } from "./audit-service.ts";

builder.prismaObject("AuditLogEntry", {
  description: "One read of personal data or one change: who, what, about whom, when.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The entry's id (entry_id in auditLogExport)." }),
    actor: t.exposeString("actor", { description: "Caller kind and key prefix, e.g. `staff:cus_stf_1a2b3c4d5e6f`." }),
    operation: t.exposeString("operation", {
      description: "The GraphQL field that read or changed the data, e.g. `privacyRequest` or `createApiKey`.",
    }),
    subjectId: t.string({
      nullable: true,
      description: "The app's id for the person, when the entry is about one.",
      select: { subject: { select: { externalId: true } } },
      resolve: (entry) => entry.subject?.externalId ?? null,
    }),
    details: t.expose("details", {
      type: "JSON",
      nullable: true,
      description:
        "What an entry about many subjects covered, e.g. a consentStates check's `{ purpose, subjects, subjectIdsSha256 }`; null otherwise.",
    }),
    requestId: t.exposeString("requestId", { nullable: true, description: "The gateway request id (x-request-id)." }),
    occurredAt: t.expose("occurredAt", { type: "DateTime", description: "When the read or change happened." }),
  }),
});

const AuditLogFilter = builder.inputType("AuditLogFilter", {
  description: "Which audit log entries to return: every field given must match; none given matches all.",
  fields: (t) => ({
    operation: t.string({ required: false, description: "Only entries of this operation, e.g. `privacyRequest`." }),
    actor: t.string({ required: false, description: "Only entries of this actor, written as the actor field gives it." }),
    subjectId: t.string({ required: false, description: "Only entries about this person, by the app's id for them." }),
    from: t.field({ type: "DateTime", required: false, description: "Inclusive." }),
    to: t.field({ type: "DateTime", required: false, description: "Exclusive." }),
  }),
});

builder.queryField("auditLog", (t) =>
  t.prismaConnection({
    type: "AuditLogEntry",
    cursor: "id",
    description: "The audit log, newest first.",
    authScopes: { staff: true, auditor: true },
    args: { filter: t.arg({ type: AuditLogFilter, required: false, description: "Which entries; all when omitted." }) },
    resolve: (query, _root, { filter }, ctx) =>
      ctx.prisma.auditLogEntry.findMany({
        ...query,
        where: auditLogWhere(filter),
        orderBy: [{ occurredAt: "desc" }, { id: "asc" }],
      }),
  }),
);

const AuditExportFormatEnum = builder.enumType("AuditExportFormat", {
  description: "The document format of auditLogExport.",
  values: {
    CSV: { description: "CSV with a header row, one row per entry." },
    JSON: { description: "A JSON array, one object per entry." },
  } as const,
});

builder.queryField("auditLogExport", (t) =>
  t.string({
    description:
      "The audit log entries matching the filter, oldest first, as one CSV or JSON document for auditors (at most 100,000 rows).",
    authScopes: { staff: true, auditor: true },
    args: {
      filter: t.arg({ type: AuditLogFilter, required: false, description: "Which entries; all when omitted." }),
      format: t.arg({ type: AuditExportFormatEnum, description: "CSV or JSON." }),
    },
    resolve: async (_root, { filter, format }, ctx) => {
      // Built first: a refused export (too large, busy) records nothing.
      const document = await inExportSlot(() => auditLogExport(ctx.prisma, filter, format));
      await recordAudit(ctx.prisma, ctx, { operation: "auditLogExport" });
      return document;
    },
  }),
);
