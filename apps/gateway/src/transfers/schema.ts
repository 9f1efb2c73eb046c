import { TransferMechanism } from "@custos/db";
import { DataCategoryRef, PurposeRef } from "../catalogue/schema.ts";
import { builder } from "../ground/builder.ts";
import type { Context } from "../ground/context.ts";
import { createProcessor, dataDestinations, recordTransfer } from "./transfer-service.ts";

export const TransferMechanismEnum = builder.enumType(TransferMechanism, {
  name: "TransferMechanism",
  description: "The legal ground of a transfer abroad under GDPR Art. 44-49, PIPL Art. 38 or 152-FZ Art. 12.",
  values: {
    GDPR_ADEQUACY: { description: "GDPR Art. 45: the destination has an EU adequacy decision." },
    GDPR_STANDARD_CONTRACTUAL_CLAUSES: { description: "GDPR Art. 46(2)(c): the EU standard contractual clauses with the recipient." },
    GDPR_BINDING_CORPORATE_RULES: { description: "GDPR Art. 47: approved binding corporate rules of the recipient's group." },
    GDPR_DEROGATION: { description: "GDPR Art. 49: a derogation for a specific situation, e.g. explicit consent." },
    PIPL_SECURITY_ASSESSMENT: { description: "PIPL Art. 38(1): a security assessment by the Cyberspace Administration of China." },
    PIPL_CERTIFICATION: { description: "PIPL Art. 38(2): personal-information protection certification by a recognised body." },
    PIPL_STANDARD_CONTRACT: { description: "PIPL Art. 38(3): the standard contract issued by the Cyberspace Administration of China." },
    RU_152FZ_PRIOR_NOTICE: { description: "152-FZ Art. 12: prior notice of the transfer to Roskomnadzor." },
  },
});

/** A partner sees only its own processor entry and the transfers that name it; staff and auditors see all. */
function visibleTo(ctx: Context): { processorId?: string } {
  return ctx.caller.kind === "partner" ? { processorId: ctx.caller.processorId } : {};
}

export const ProcessorRef = builder.prismaObject("Processor", {
  description: "A service provider that processes personal data for the company (P13).",
  authScopes: { staff: true, auditor: true, partner: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The processor's id." }),
    name: t.exposeString("name", { description: "The processor's name, unique in the register; what PARTNER keys and transfers name." }),
    country: t.exposeString("country", { description: "ISO 3166-1 alpha-2." }),
    contactEmail: t.exposeString("contactEmail", {
      nullable: true,
      description: "Who to contact there about privacy; null when not recorded.",
    }),
    contractRef: t.exposeString("contractRef", {
      nullable: true,
      description: "The data processing agreement's reference; null when not recorded.",
    }),
    purposes: t.relation("purposes", {
      description: "The purposes the processor serves, in the policy's order.",
      type: PurposeRef,
      query: { orderBy: { position: "asc" } },
    }),
    dataCategories: t.relation("dataCategories", {
      description: "The data categories it processes, by key.",
      type: DataCategoryRef,
      query: { orderBy: { key: "asc" } },
    }),
    transfers: t.relation("transfers", {
      description: "Transfers abroad to it, by start.",
      query: { orderBy: { startsAt: "asc" } },
    }),
  }),
});

builder.prismaObject("TransferRecord", {
  name: "Transfer",
  description: "A transfer of personal data abroad, with the legal mechanism under each law that governs it (P12).",
  authScopes: { staff: true, auditor: true, partner: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The transfer's id." }),
    processor: t.relation("processor", { type: ProcessorRef, description: "The recipient." }),
    purpose: t.relation("purpose", {
      type: PurposeRef,
      nullable: true,
      description: "The purpose the transfer serves; null when it serves every purpose of its data.",
    }),
    destinationCountry: t.exposeString("destinationCountry", { description: "ISO 3166-1 alpha-2 code of the country the data goes to." }),
    dataCategories: t.field({
      type: [DataCategoryRef],
      description: "The kinds of personal data transferred, by key.",
      select: { dataCategories: { select: { dataCategory: true }, orderBy: { dataCategory: { key: "asc" } } } },
      resolve: (transfer) => transfer.dataCategories.map((link) => link.dataCategory),
    }),
    subjectJurisdictions: t.exposeStringList("subjectJurisdictions", {
      description: "Where the people whose data goes are (ISO 3166 codes, EU or EEA): decides which laws apply.",
    }),
    mechanisms: t.expose("mechanisms", { type: [TransferMechanismEnum], description: "The legal mechanism under each law that applies." }),
    safeguards: t.exposeString("safeguards", {
      nullable: true,
      description: "Supplementary safeguards, in words, e.g. encryption; null when none recorded.",
    }),
    regulatorNoticeRef: t.exposeString("regulatorNoticeRef", {
      nullable: true,
      description: "152-FZ: the reference of the prior notice to Roskomnadzor; null when none was filed.",
    }),
    regulatorNoticeAt: t.expose("regulatorNoticeAt", {
      type: "DateTime",
      nullable: true,
      description: "152-FZ: when that notice was filed; null when none was.",
    }),
    separateConsentObtained: t.exposeBoolean("separateConsentObtained", {
      description: "PIPL Art. 39: the people's separate consent to the transfer abroad was obtained.",
    }),
    individualNoticeGiven: t.exposeBoolean("individualNoticeGiven", {
      description: "PIPL Art. 39: the people were told the recipient, purpose, method, data and their rights.",
    }),
    startsAt: t.expose("startsAt", { type: "DateTime", description: "When the transfer starts." }),
    endsAt: t.expose("endsAt", { type: "DateTime", nullable: true, description: "When it ends; null while open-ended." }),
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
    args: {
      destinationCountry: t.arg.string({
        required: false,
        description: "Only transfers to this ISO 3166-1 alpha-2 country; all when absent.",
      }),
    },
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
      countryCode: t.exposeString("countryCode", { description: "ISO 3166-1 alpha-2 code of the country." }),
      countryName: t.exposeString("countryName", { description: "The country's name in English." }),
      recipients: t.exposeStringList("recipients", { description: "The names of who receives the data there." }),
      purposes: t.exposeStringList("purposes", {
        description: "The names of the purposes the data goes there for; empty when not tied to one.",
      }),
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
  description: "A service provider to add to the processor register.",
  fields: (t) => ({
    name: t.string({ description: "The processor's name, unique in the register." }),
    country: t.string({ description: "ISO 3166-1 alpha-2." }),
    contactEmail: t.string({ required: false, description: "Who to contact there about privacy." }),
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
    args: { input: t.arg({ type: CreateProcessorInput, description: "The processor." }) },
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
  description: "A transfer of personal data abroad, with the legal mechanism under each law that applies.",
  fields: (t) => ({
    processor: t.string({ description: "The recipient: a processor's name." }),
    purpose: t.string({ required: false, description: "Purpose key; omit when the transfer serves every purpose of its data." }),
    destinationCountry: t.string({ description: "ISO 3166-1 alpha-2." }),
    dataCategories: t.stringList({ description: "Data category keys transferred." }),
    subjectJurisdictions: t.stringList({
      description:
        "Where the people are (ISO 3166 codes, EU or EEA): decides whether GDPR and 152-FZ apply. PIPL always applies from China.",
    }),
    mechanisms: t.field({ type: [TransferMechanismEnum], description: "The legal mechanism under each law that applies." }),
    safeguards: t.string({ required: false, description: "Supplementary safeguards, in words, e.g. encryption." }),
    regulatorNoticeRef: t.string({ required: false, description: "152-FZ: the reference of the prior notice to Roskomnadzor." }),
    regulatorNoticeAt: t.field({ type: "DateTime", required: false, description: "152-FZ: when that notice was filed." }),
    separateConsentObtained: t.boolean({ description: "PIPL Art. 39: the person's separate consent to the transfer abroad." }),
    individualNoticeGiven: t.boolean({ description: "PIPL Art. 39: the person was told the recipient, purpose, method, data and rights." }),
    startsAt: t.field({ type: "DateTime", description: "When the transfer starts." }),
    endsAt: t.field({ type: "DateTime", required: false, description: "When it ends; open-ended when omitted." }),
  }),
});

builder.mutationField("recordTransfer", (t) =>
  t.prismaField({
    type: "TransferRecord",
    description:
      "Adds a transfer abroad; refused with TRANSFER_NOT_LAWFUL (and the violations, with citations) when a law's requirement is missing.",
    authScopes: { staff: true },
    args: { input: t.arg({ type: RecordTransferInput, description: "The transfer." }) },
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
