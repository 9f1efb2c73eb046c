import { TransferMechanism } from "@custos/db";
import { DataCategoryRef, PurposeRef } from "../catalogue/schema.ts";
import { builder } from "../ground/builder.ts";
import type { Context } from "../ground/context.ts";
import { createProcessor, dataDestinations, recordTransfer } from "./transfer-service.ts";

export const TransferMechanismEnum = builder.enumType(TransferMechanism, {
  name: "TransferMechanism",
  description: "The legal ground of a transfer abroad under GDPR Art. 44-49, PIPL Art. 38 or 152-FZ Art. 12.",
});

/** A partner sees only its own processor entry and the transfers that name it; staff and auditors see all. */
function visibleTo(ctx: Context): { processorId?: string } {
  return ctx.caller.kind === "partner" ? { processorId: ctx.caller.processorId } : {};
}

export const ProcessorRef = builder.prismaObject("Processor", {
  description: "A service provider that processes personal data for the company (P13).",
  authScopes: { staff: true, auditor: true, partner: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    country: t.exposeString("country", { description: "ISO 3166-1 alpha-2." }),
    contactEmail: t.exposeString("contactEmail", { nullable: true }),
    contractRef: t.exposeString("contractRef", { nullable: true }),
    purposes: t.relation("purposes", { type: PurposeRef, query: { orderBy: { position: "asc" } } }),
    dataCategories: t.relation("dataCategories", { type: DataCategoryRef, query: { orderBy: { key: "asc" } } }),
    transfers: t.relation("transfers", { query: { orderBy: { startsAt: "asc" } } }),
  }),
});

builder.prismaObject("TransferRecord", {
  name: "Transfer",
  description: "A transfer of personal data abroad, with the legal mechanism under each law that governs it (P12).",
  authScopes: { staff: true, auditor: true, partner: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    processor: t.relation("processor", { type: ProcessorRef }),
    purpose: t.relation("purpose", { type: PurposeRef, nullable: true }),
    destinationCountry: t.exposeString("destinationCountry"),
    dataCategories: t.field({
      type: [DataCategoryRef],
      select: { dataCategories: { select: { dataCategory: true }, orderBy: { dataCategory: { key: "asc" } } } },
      resolve: (transfer) => transfer.dataCategories.map((link) => link.dataCategory),
    }),
    subjectJurisdictions: t.exposeStringList("subjectJurisdictions"),
    mechanisms: t.expose("mechanisms", { type: [TransferMechanismEnum] }),
    safeguards: t.exposeString("safeguards", { nullable: true }),
    regulatorNoticeRef: t.exposeString("regulatorNoticeRef", { nullable: true }),
    regulatorNoticeAt: t.expose("regulatorNoticeAt", { type: "DateTime", nullable: true }),
    separateConsentObtained: t.exposeBoolean("separateConsentObtained"),
    individualNoticeGiven: t.exposeBoolean("individualNoticeGiven"),
    startsAt: t.expose("startsAt", { type: "DateTime" }),
    endsAt: t.expose("endsAt", { type: "DateTime", nullable: true }),
  }),
});

builder.queryField("processors", (t) =>
  t.prismaConnection({
    type: "Processor",
    cursor: "id",
    description: "The processor register, by name. A partner sees its own entry only.",
    authScopes: { staff: true, auditor: true, partner: true },
    resolve: (query, _root, _args, ctx) => {
      const { processorId } = visibleTo(ctx);
      return ctx.prisma.processor.findMany({ ...query, where: { id: processorId }, orderBy: [{ name: "asc" }, { id: "asc" }] });
    },
  }),
);

builder.queryField("transfers", (t) =>
  t.prismaConnection({
    type: "TransferRecord",
    cursor: "id",
    description: "The transfer register, by start. A partner sees the transfers that name it only.",
    authScopes: { staff: true, auditor: true, partner: true },
    args: { destinationCountry: t.arg.string({ required: false }) },
    resolve: (query, _root, { destinationCountry }, ctx) =>
      ctx.prisma.transferRecord.findMany({
        ...query,
        where: { ...visibleTo(ctx), destinationCountry: destinationCountry?.toUpperCase() ?? undefined },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      }),
  }),
);

const DataDestinationRef = builder
  .objectRef<{ countryCode: string; countryName: string; recipients: string[]; purposes: string[] }>("DataDestination")
  .implement({
    description: "A country the shopper's data goes to, who receives it there and for what.",
    authScopes: { public: true },
    fields: (t) => ({
      countryCode: t.exposeString("countryCode"),
      countryName: t.exposeString("countryName"),
      recipients: t.exposeStringList("recipients"),
      purposes: t.exposeStringList("purposes"),
    }),
  });

builder.queryField("whereDoesMyDataGo", (t) =>
  t.field({
    type: [DataDestinationRef],
    description: "Where personal data goes abroad today: countries and recipients, as the privacy policy promises (P12).",
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => dataDestinations(ctx.prisma),
  }),
);

const CreateProcessorInput = builder.inputType("CreateProcessorInput", {
  fields: (t) => ({
    name: t.string(),
    country: t.string({ description: "ISO 3166-1 alpha-2." }),
    contactEmail: t.string({ required: false }),
    contractRef: t.string({ required: false, description: "The data processing agreement's reference." }),
    purposes: t.stringList({ description: "Purpose keys the processor serves." }),
    dataCategories: t.stringList({ description: "Data category keys it processes." }),
  }),
});

builder.mutationField("createProcessor", (t) =>
  t.prismaField({
    type: "Processor",
    description: "Adds a service provider to the processor register.",
    authScopes: { staff: true },
    args: { input: t.arg({ type: CreateProcessorInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await createProcessor(ctx.prisma, ctx, {
        ...input,
        purposeKeys: input.purposes,
        dataCategoryKeys: input.dataCategories,
      });
      return ctx.prisma.processor.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const RecordTransferInput = builder.inputType("RecordTransferInput", {
  fields: (t) => ({
    processor: t.string({ description: "The recipient: a processor's name." }),
    purpose: t.string({ required: false, description: "Purpose key; omit when the transfer serves every purpose of its data." }),
    destinationCountry: t.string({ description: "ISO 3166-1 alpha-2." }),
    dataCategories: t.stringList(),
    subjectJurisdictions: t.stringList({
      description:
        "Where the people are (ISO 3166 codes, EU or EEA): decides whether GDPR and 152-FZ apply. PIPL always applies from China.",
    }),
    mechanisms: t.field({ type: [TransferMechanismEnum] }),
    safeguards: t.string({ required: false }),
    regulatorNoticeRef: t.string({ required: false, description: "152-FZ: the reference of the prior notice to Roskomnadzor." }),
    regulatorNoticeAt: t.field({ type: "DateTime", required: false, description: "152-FZ: when that notice was filed." }),
    separateConsentObtained: t.boolean({ description: "PIPL Art. 39: the person's separate consent to the transfer abroad." }),
    individualNoticeGiven: t.boolean({ description: "PIPL Art. 39: the person was told the recipient, purpose, method, data and rights." }),
    startsAt: t.field({ type: "DateTime" }),
    endsAt: t.field({ type: "DateTime", required: false }),
  }),
});

builder.mutationField("recordTransfer", (t) =>
  t.prismaField({
    type: "TransferRecord",
    description:
      "Adds a transfer abroad; refused with TRANSFER_NOT_LAWFUL (and the violations, with citations) when a law's requirement is missing.",
    authScopes: { staff: true },
    args: { input: t.arg({ type: RecordTransferInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await recordTransfer(ctx.prisma, ctx, {
        ...input,
        processorName: input.processor,
        purposeKey: input.purpose,
        dataCategoryKeys: input.dataCategories,
      });
      return ctx.prisma.transferRecord.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
