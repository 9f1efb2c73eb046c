import { auditedRead, recordAudit } from "../../audit/audit-service.ts";
import { builder } from "../../ground/builder.ts";
import { inExportSlot } from "../../ground/exports/export-slots.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import { publishCheckpoint, type SignedCheckpoint } from "../proofs/consent-log.ts";
import { rotateSigningKey } from "../proofs/signing-keys.ts";
import {
  type ExportFormat,
  exportConsentEvents,
  type LedgerBreak,
  type LedgerVerification,
  verifyConsentLedger,
} from "./ledger-audit-service.ts";
import { consentReceipt, signedConsentReceipt } from "./receipt-service.ts";

const ChainBreakKindEnum = builder.enumType("ChainBreakKind", {
  values: {
    SEQUENCE_GAP: { description: "The sequence skips or repeats a number: a row deleted, inserted or moved." },
    PREVIOUS_MISMATCH: { description: "The event does not point at the hash of the one before: a row rewritten and rehashed." },
    HASH_MISMATCH: { description: "The stored hash is not the hash of the stored fields: a row edited in place." },
    HEAD_MISMATCH: { description: "The rows end before or beyond the head stored when appending, e.g. the newest deleted." },
    CHECKPOINT_MISMATCH: {
      description:
        "The log rebuilt from the rows lacks a signed checkpoint's root: events it covered were changed or deleted since, even if rehashed.",
    },
  } as const,
  description:
    "SEQUENCE_GAP: a row deleted, inserted or moved. PREVIOUS_MISMATCH: a row rewritten and rehashed. HASH_MISMATCH: a row " +
    "edited in place. HEAD_MISMATCH: the rows end before (or beyond) the head stored when appending, e.g. the newest deleted. " +
    "CHECKPOINT_MISMATCH: events a published checkpoint covered were changed or deleted, even with the chain rehashed.",
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
      description:
        "The chain position where it broke; for HEAD_MISMATCH the stored head's position, for CHECKPOINT_MISMATCH its tree size.",
    }),
    eventId: t.field({
      type: "ID",
      nullable: true,
      description: "The event found at the break; null for HEAD_MISMATCH.",
      resolve: (link) => link.eventId,
    }),
    expectedHash: t.string({
      nullable: true,
      description:
        "The hash the chain called for there (for HEAD_MISMATCH the stored head's, for CHECKPOINT_MISMATCH its root); null for SEQUENCE_GAP.",
      resolve: (link) => ("expectedHash" in link ? link.expectedHash : null),
    }),
    foundHash: t.string({
      nullable: true,
      description:
        "The hash found instead (HEAD_MISMATCH: the last verified event's; CHECKPOINT_MISMATCH: the rebuilt root, null when the rows " +
        "are fewer); null for SEQUENCE_GAP.",
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
    description:
      "Re-hashes the controller's consent ledger, rebuilds its public log against the newest checkpoint (and `checkpoint`, one " +
      "kept from before), and reports the first broken link, if any.",
    args: {
      checkpoint: t.arg.string({
        required: false,
        description: "A checkpoint kept from the public URL (its compact JWS): events it covered must be unchanged.",
      }),
    },
    authScopes: { staff: true, auditor: true },
    resolve: (_root, args, ctx) => verifyConsentLedger(ctx.prisma, ctx, args.checkpoint),
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

builder.queryField("subjectConsentEvents", (t) =>
  t.prismaConnection({
    type: "ConsentEvent",
    cursor: "id",
    description:
      "One person's consent events, newest first, for staff and auditors (as consentEventsExport, but one person's and paged): " +
      "each with the id consentReceipt and signedConsentReceipt take. Audited, naming the person.",
    args: { subjectId: t.arg.string({ description: "The app's id for the person." }) },
    authScopes: { staff: true, auditor: true },
    resolve: async (query, _root, args, ctx) => {
      const externalId = parseSubjectId(args.subjectId);
      const subject = await ctx.prisma.dataSubject.findUnique({
        where: { tenantId_externalId: { tenantId: ctx.tenantId, externalId } },
        select: { id: true },
      });
      return auditedRead(ctx, { operation: "subjectConsentEvents", subjectId: subject?.id ?? null }, async () =>
        subject ? ctx.prisma.consentEvent.findMany({ ...query, where: { subjectId: subject.id }, orderBy: [{ sequence: "desc" }] }) : [],
      );
    },
  }),
);

builder.queryField("consentReceipt", (t) =>
  t.string({
    description: "An ISO/IEC TS 27560 consent receipt (W3C DPV JSON-LD) for one of the subject's events, as a JSON document.",
    args: {
      subjectId: t.arg.string({ description: "The app's id for the person the event is about." }),
      eventId: t.arg.id({ description: "The consent event's id." }),
    },
    authScopes: (_root, { subjectId }) => ({ shopperIs: subjectId, storefrontVisitor: subjectId, staff: true, auditor: true }),
    resolve: async (_root, args, ctx) =>
      JSON.stringify(await consentReceipt(ctx.prisma, ctx, parseSubjectId(args.subjectId), String(args.eventId)), null, 2),
  }),
);

builder.queryField("signedConsentReceipt", (t) =>
  t.string({
    description:
      "The consent receipt signed with the controller's Ed25519 key, with the proof that its event is in a signed checkpoint of " +
      "the public consent log, as one JSON document (custos-signed-receipt/1): what a person downloads and anyone can verify " +
      "offline with @custos/sdk/verify or `custos-verify`.",
    args: {
      subjectId: t.arg.string({ description: "The app's id for the person the event is about." }),
      eventId: t.arg.id({ description: "The consent event's id." }),
    },
    authScopes: (_root, { subjectId }) => ({ shopperIs: subjectId, storefrontVisitor: subjectId, staff: true, auditor: true }),
    resolve: async (_root, args, ctx) =>
      JSON.stringify(
        await signedConsentReceipt(ctx.prisma, ctx, ctx.keyPepper, parseSubjectId(args.subjectId), String(args.eventId)),
        null,
        2,
      ),
  }),
);

const CheckpointRef = builder.objectRef<SignedCheckpoint>("ConsentCheckpoint").implement({
  description: "A signed tree head of the controller's public consent log: anyone may keep it and check later receipts against it.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    treeSize: t.exposeInt("treeSize", { description: "How many consent events the log held: events 1 to treeSize." }),
    rootHash: t.exposeString("rootHash", { description: "The RFC 9162 root hash of those events' entries (SHA-256, hex)." }),
    issuedAt: t.field({ type: "DateTime", description: "When it was signed.", resolve: (checkpoint) => new Date(checkpoint.issuedAt) }),
    jws: t.exposeString("jws", { description: "The checkpoint as a compact JWS (EdDSA), as published." }),
  }),
});

builder.mutationField("publishConsentCheckpoint", (t) =>
  t.field({
    type: CheckpointRef,
    description:
      "Adds the events not yet in the public consent log and signs a checkpoint of it now, as the schedule does every minute " +
      "(the newest one again when nothing was added).",
    authScopes: { staff: true },
    resolve: async (_root, _args, ctx) => {
      const checkpoint = await publishCheckpoint(ctx.prisma, ctx.tenantId, ctx.keyPepper);
      await recordAudit(ctx.prisma, ctx, { operation: "publishConsentCheckpoint" });
      return checkpoint;
    },
  }),
);

builder.mutationField("rotateSigningKey", (t) =>
  t.string({
    description:
      "Ends the current receipt and checkpoint signing key's validity now and makes the next one; returns its key id. Both stay " +
      "published with their validity, so what the old key signed still verifies.",
    authScopes: { staff: true },
    resolve: async (_root, _args, ctx) => {
      const keyId = await rotateSigningKey(ctx.prisma, ctx.tenantId, ctx.keyPepper);
      await recordAudit(ctx.prisma, ctx, { operation: "rotateSigningKey" });
      return keyId;
    },
  }),
);
