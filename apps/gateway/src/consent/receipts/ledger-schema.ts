import { builder } from "../../ground/builder.ts";
import { inExportSlot } from "../../ground/exports/export-slots.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import {
  type ExportFormat,
  exportConsentEvents,
  type LedgerBreak,
  type LedgerVerification,
  verifyConsentLedger,
} from "./ledger-audit-service.ts";
import { consentReceipt } from "./receipt-service.ts";

const ChainBreakKindEnum = builder.enumType("ChainBreakKind", {
  values: ["SEQUENCE_GAP", "PREVIOUS_MISMATCH", "HASH_MISMATCH", "HEAD_MISMATCH"] as const,
  description:
    "SEQUENCE_GAP: a row deleted, inserted or moved. PREVIOUS_MISMATCH: a row rewritten and rehashed. HASH_MISMATCH: a row " +
    "edited in place. HEAD_MISMATCH: the rows end before (or beyond) the head stored when appending, e.g. the newest deleted.",
});

const ChainBreakRef = builder.objectRef<LedgerBreak>("ChainBreak").implement({
  description: "The first broken link of the chain.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    kind: t.field({ type: ChainBreakKindEnum, resolve: (link) => link.kind }),
    sequence: t.exposeInt("sequence"),
    eventId: t.field({ type: "ID", nullable: true, resolve: (link) => link.eventId }),
    expectedHash: t.string({ nullable: true, resolve: (link) => ("expectedHash" in link ? link.expectedHash : null) }),
    foundHash: t.string({ nullable: true, resolve: (link) => ("foundHash" in link ? link.foundHash : null) }),
  }),
});

const LedgerVerificationRef = builder.objectRef<LedgerVerification>("ConsentLedgerVerification").implement({
  description: "The result of re-hashing the whole consent ledger.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    ok: t.exposeBoolean("ok"),
    verifiedCount: t.exposeInt("verifiedCount", { description: "Events verified before the first break (all of them when ok)." }),
    headSequence: t.int({ resolve: (result) => result.head.sequence }),
    headHash: t.string({ resolve: (result) => result.head.hash }),
    firstBreak: t.field({ type: ChainBreakRef, nullable: true, resolve: (result) => result.firstBreak }),
  }),
});

builder.queryField("consentLedgerVerification", (t) =>
  t.field({
    type: LedgerVerificationRef,
    description: "Re-hashes the controller's consent ledger and reports the first broken link, if any.",
    authScopes: { staff: true, auditor: true },
    resolve: (_root, _args, ctx) => verifyConsentLedger(ctx.prisma, ctx),
  }),
);

const ExportFormatEnum = builder.enumType("ConsentExportFormat", { values: ["CSV", "JSON"] as const });

const ConsentExportRef = builder.objectRef<{ format: ExportFormat; count: number; document: string }>("ConsentEventsExport").implement({
  description: "Consent events of a period as one document.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    format: t.field({ type: ExportFormatEnum, resolve: (result) => result.format }),
    count: t.exposeInt("count"),
    document: t.exposeString("document", { description: "CSV (RFC 4180, formula-safe) or a JSON array; verify the chain from JSON." }),
  }),
});

builder.queryField("consentEventsExport", (t) =>
  t.field({
    type: ConsentExportRef,
    description: "Consent events that occurred in [from, to) as CSV or JSON, at most 10 000 per export.",
    args: {
      from: t.arg({ type: "DateTime" }),
      to: t.arg({ type: "DateTime" }),
      format: t.arg({ type: ExportFormatEnum }),
    },
    authScopes: { staff: true, auditor: true },
    resolve: (_root, args, ctx) => inExportSlot(() => exportConsentEvents(ctx.prisma, ctx, { from: args.from, to: args.to }, args.format)),
  }),
);

builder.queryField("consentReceipt", (t) =>
  t.string({
    description: "An ISO/IEC TS 27560 consent receipt (W3C DPV JSON-LD) for one of the subject's events, as a JSON document.",
    args: { subjectId: t.arg.string(), eventId: t.arg.id() },
    authScopes: (_root, { subjectId }) => ({ shopperIs: subjectId, staff: true, auditor: true }),
    resolve: async (_root, args, ctx) =>
      JSON.stringify(await consentReceipt(ctx.prisma, ctx, parseSubjectId(args.subjectId), String(args.eventId)), null, 2),
  }),
);
