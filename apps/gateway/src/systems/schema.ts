import { DataCategoryRef } from "../catalogue/schema.ts";
import { builder } from "../ground/builder.ts";
import { createDataSystem, retireDataSystem } from "./system-service.ts";

const DataSystemRef = builder.prismaObject("DataSystem", {
  description: "A company app or processor system that holds personal data: each gets a task for every data-subject request.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    key: t.exposeString("key", { description: "What a SERVICE key is bound to, e.g. orders." }),
    name: t.exposeString("name", { description: "What people call it, e.g. Orders." }),
    dataCategories: t.field({
      type: [DataCategoryRef],
      description: "The data categories it holds, which erasure and retention tasks name.",
      resolve: (system, _args, ctx) =>
        ctx.prisma.dataCategory.findMany({ where: { key: { in: system.dataCategoryKeys } }, orderBy: { key: "asc" } }),
    }),
    processor: t.string({
      nullable: true,
      description: "Name of the processor that runs it; null when run in-house.",
      select: { processor: { select: { name: true } } },
      resolve: (system) => system.processor?.name ?? null,
    }),
    accountSystem: t.exposeBoolean("accountSystem", {
      description: "The account system: its service key registers people's verified contact e-mails.",
    }),
    retiredAt: t.expose("retiredAt", { type: "DateTime", nullable: true, description: "When it was retired; null while active." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was registered." }),
  }),
});

const CreateDataSystemInput = builder.inputType("CreateDataSystemInput", {
  description: "A data system to register.",
  fields: (t) => ({
    key: t.string({ description: "1-64 lower-case letters, digits, '_' or '-'." }),
    name: t.string({ description: "What people call it, e.g. Orders." }),
    dataCategories: t.stringList({ required: false, description: "Keys of the data categories it holds." }),
    processor: t.string({ required: false, description: "Name of the registered processor that runs it." }),
    accountSystem: t.boolean({ required: false, description: "Whether it is the account system, which registers contact e-mails." }),
  }),
});

builder.mutationField("createDataSystem", (t) =>
  t.prismaField({
    type: DataSystemRef,
    description: "Registers a data system; issue it a SERVICE key with createApiKey (or `pnpm keys create --data-system <key>`).",
    args: { input: t.arg({ type: CreateDataSystemInput, description: "The system to register." }) },
    authScopes: { staff: true },
    resolve: async (query, _root, { input }, ctx) => {
      const system = await createDataSystem(ctx.prisma, ctx, {
        key: input.key,
        name: input.name,
        dataCategoryKeys: input.dataCategories ?? [],
        processorName: input.processor ?? null,
        accountSystem: input.accountSystem ?? false,
      });
      return ctx.prisma.dataSystem.findUniqueOrThrow({ ...query, where: { id: system.id } });
    },
  }),
);

builder.mutationField("retireDataSystem", (t) =>
  t.prismaField({
    type: DataSystemRef,
    description: "Retires a data system: it gets no new request tasks; its past tasks and keys' history stay.",
    args: { key: t.arg.string({ description: "The key of the system to retire." }) },
    authScopes: { staff: true },
    resolve: async (query, _root, { key }, ctx) => {
      const system = await retireDataSystem(ctx.prisma, ctx, key);
      return ctx.prisma.dataSystem.findUniqueOrThrow({ ...query, where: { id: system.id } });
    },
  }),
);

builder.queryField("dataSystems", (t) =>
  t.prismaConnection(
    {
      type: DataSystemRef,
      cursor: "id",
      description: "The register of data systems, by key; retired ones only when asked for.",
      args: {
        includeRetired: t.arg.boolean({ required: false, defaultValue: false, description: "Also list retired systems." }),
      },
      authScopes: { staff: true, auditor: true },
      resolve: (query, _root, { includeRetired }, ctx) =>
        ctx.prisma.dataSystem.findMany({
          ...query,
          where: includeRetired ? {} : { retiredAt: null },
          orderBy: [{ key: "asc" }, { id: "asc" }],
        }),
    },
    { description: "One page of the data-system register." },
    { description: "One data system of the page, with its cursor." },
  ),
);
