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
  values: {
    SEQUENCE_GAP: { description: "The sequence skips or repeats a number: a row deleted, inserted or moved." },
    PREVIOUS_MISMATCH: { description: "The event does not point at the hash of the one before: a row rewritten and rehashed." },
    HASH_MISMATCH: { description: "The stored hash is not the hash of the stored fields: a row edited in place." },
    HEAD_MISMATCH: { description: "The rows end before or beyond the head stored when appending, e.g. the newest deleted." },
  } as const,
  description:
    "SEQUENCE_GAP: a row deleted, inserted or moved. PREVIOUS_MISMATCH: a row rewritten and rehashed. HASH_MISMATCH: a row " +
    "edited in place. HEAD_MISMATCH: the rows end before (or beyond) the head stored when appending, e.g. the newest deleted.",
});

const ChainBreakRef = builder.objectRef<LedgerBreak>("ChainBreak").implement({
  description: "The first broken link of the chain.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    kind: t.field({
      type: ChainBreakKindEnum,
      description: "What kind of break, and so what probably happened.",
      resolve: (link) => link.kind,
    }),
    sequence: t.exposeInt("sequence", {
      description: "The chain position where it broke; for HEAD_MISMATCH the stored head's position.",
    }),
    eventId: t.field({
      type: "ID",
      nullable: true,
      description: "The event found at the break; null for HEAD_MISMATCH.",
      resolve: (link) => link.eventId,
    }),
    expectedHash: t.string({
      nullable: true,
      description: "The hash the chain called for there (for HEAD_MISMATCH the stored head's); null for SEQUENCE_GAP.",
      resolve: (link) => ("expectedHash" in link ? link.expectedHash : null),
    }),
    foundHash: t.string({
      nullable: true,
      description: "The hash found instead (for HEAD_MISMATCH the last verified event's); null for SEQUENCE_GAP.",
      resolve: (link) => ("foundHash" in link ? link.foundHash : null),
    }),
  }),
});

const LedgerVerificationRef = builder.objectRef<LedgerVerification>("ConsentLedgerVerification").implement({
  description: "The result of re-hashing the whole consent ledger.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    ok: t.exposeBoolean("ok", { description: "True when every link checks out and the rows end at the stored head." }),
    verifiedCount: t.exposeInt("verifiedCount", { description: "Events verified before the first break (all of them when ok)." }),
    headSequence: t.int({
      description: "Position of the last event verified (0 for an empty ledger).",
      resolve: (result) => result.head.sequence,
    }),
    headHash: t.string({
      description: "Hash of the last event verified: quote it to check later that nothing before it changed.",
      resolve: (result) => result.head.hash,
    }),
    firstBreak: t.field({
      type: ChainBreakRef,
      nullable: true,
      description: "The first broken link; null when ok.",
      resolve: (result) => result.firstBreak,
    }),
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

const ExportFormatEnum = builder.enumType("ConsentExportFormat", {
  description: "The document format of consentEventsExport.",
  values: {
    CSV: { description: "CSV (RFC 4180, formula-safe) with a header row, one row per event." },
    JSON: { description: "A JSON array of the events with their chain fields, from which the chain can be verified." },
  } as const,
});

const ConsentExportRef = builder.objectRef<{ format: ExportFormat; count: number; document: string }>("ConsentEventsExport").implement({
  description: "Consent events of a period as one document.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    format: t.field({ type: ExportFormatEnum, description: "The format asked for.", resolve: (result) => result.format }),
    count: t.exposeInt("count", { description: "How many events the document holds." }),
    document: t.exposeString("document", { description: "CSV (RFC 4180, formula-safe) or a JSON array; verify the chain from JSON." }),
  }),
});

builder.queryField("consentEventsExport", (t) =>
  t.field({
    type: ConsentExportRef,
    description: "Consent events that occurred in [from, to) as CSV or JSON, at most 10 000 per export.",
    args: {
      from: t.arg({ type: "DateTime", description: "Start of the period, inclusive." }),
      to: t.arg({ type: "DateTime", description: "End of the period, exclusive; must be after `from`." }),
      format: t.arg({ type: ExportFormatEnum, description: "CSV or JSON." }),
    },
    authScopes: { staff: true, auditor: true },
    resolve: (_root, args, ctx) => inExportSlot(() => exportConsentEvents(ctx.prisma, ctx, { from: args.from, to: args.to }, args.format)),
  }),
);

builder.queryField("consentReceipt", (t) =>
  t.string({
    description: "An ISO/IEC TS 27560 consent receipt (W3C DPV JSON-LD) for one of the subject's events, as a JSON document.",
    args: {
      subjectId: t.arg.string({ description: "The app's id for the person the event is about." }),
      eventId: t.arg.id({ description: "The consent event's id." }),
    },
    authScopes: (_root, { subjectId }) => ({ shopperIs: subjectId, staff: true, auditor: true }),
    resolve: async (_root, args, ctx) =>
      JSON.stringify(await consentReceipt(ctx.prisma, ctx, parseSubjectId(args.subjectId), String(args.eventId)), null, 2),
  }),
);
