import { ApiKeyKind } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import { builder } from "../ground/builder.ts";
import { CALLER_KINDS } from "../ground/caller.ts";
import { createApiKey, revokeApiKey } from "./api-key-service.ts";

const CallerKindEnum = builder.enumType("CallerKind", {
  values: CALLER_KINDS.map((kind) => kind.toUpperCase()),
  description: "Who the gateway takes the caller to be, from the credentials presented.",
});

const ApiKeyKindEnum = builder.enumType(ApiKeyKind, { name: "ApiKeyKind" });

const ViewerRef = builder.objectRef<{ kind: string; tenant: string }>("Viewer").implement({
  description: "The caller as the gateway sees it.",
  authScopes: { public: true },
  fields: (t) => ({
    kind: t.field({ type: CallerKindEnum, resolve: ({ kind }) => kind.toUpperCase() }),
    tenant: t.exposeString("tenant", { description: "Slug of the tenant whose records the caller sees." }),
  }),
});

builder.queryField("viewer", (t) =>
  t.field({
    type: ViewerRef,
    description: "Who the gateway takes the caller to be.",
    authScopes: { public: true },
    resolve: async (_root, _args, ctx) => {
      const tenant = await ctx.prisma.tenant.findFirstOrThrow({ select: { slug: true } });
      return { kind: ctx.caller.kind, tenant: tenant.slug };
    },
  }),
);

const ApiKeyRef = builder.prismaObject("ApiKey", {
  description: "A credential for a storefront, app, partner or member of staff. The key itself is never stored.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.expose("kind", { type: ApiKeyKindEnum }),
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "Non-secret start of the key, to recognise it." }),
    scopes: t.exposeStringList("scopes"),
    allowedOrigins: t.exposeStringList("allowedOrigins"),
    dataSystem: t.string({
      nullable: true,
      select: { dataSystem: { select: { key: true } } },
      resolve: (key) => key.dataSystem?.key ?? null,
    }),
    processor: t.string({
      nullable: true,
      select: { processor: { select: { name: true } } },
      resolve: (key) => key.processor?.name ?? null,
    }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("apiKeys", (t) =>
  t.prismaConnection({
    type: "ApiKey",
    cursor: "id",
    description: "The tenant's keys, newest first.",
    authScopes: { staff: true, auditor: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.apiKey.findMany({ ...query, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
  }),
);

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  fields: (t) => ({
    kind: t.field({ type: ApiKeyKindEnum }),
    name: t.string(),
    dataSystem: t.string({ required: false, description: "SERVICE keys: the key of the data system the app is." }),
    processor: t.string({ required: false, description: "PARTNER keys: the name of the processor." }),
    allowedOrigins: t.stringList({ required: false, description: "PUBLISHABLE keys: the storefront origins." }),
    expiresAt: t.field({ type: "DateTime", required: false }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<{ key: { id: string }; token: string }>("CreatedApiKey").implement({
  authScopes: { staff: true },
  fields: (t) => ({
    key: t.prismaField({
      type: ApiKeyRef,
      resolve: (query, { key }, _args, ctx) => ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: key.id } }),
    }),
    token: t.exposeString("token", { description: "The key. Shown this once: store it now." }),
  }),
});

builder.mutationField("createApiKey", (t) =>
  t.field({
    type: CreatedApiKeyRef,
    authScopes: { staff: true },
    args: { input: t.arg({ type: CreateApiKeyInput }) },
    resolve: async (_root, { input }, ctx) => {
      const created = await createApiKey(ctx.prisma, ctx.tenantId, ctx.keyPepper, {
        kind: input.kind,
        name: input.name,
        dataSystemKey: input.dataSystem,
        processorName: input.processor,
        allowedOrigins: input.allowedOrigins,
        expiresAt: input.expiresAt,
      });
      await recordAudit(ctx.prisma, ctx, { operation: "createApiKey" });
      return created;
    },
  }),
);

builder.mutationField("revokeApiKey", (t) =>
  t.prismaField({
    type: ApiKeyRef,
    authScopes: { staff: true },
    args: { prefix: t.arg.string() },
    resolve: async (query, _root, { prefix }, ctx) => {
      const key = await revokeApiKey(ctx.prisma, prefix);
      await recordAudit(ctx.prisma, ctx, { operation: "revokeApiKey" });
      return ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: key.id } });
    },
  }),
);
