import { ApiKeyKind } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import { builder } from "../ground/builder.ts";
import { actorLabel, CALLER_KINDS, type SignedInPerson } from "../ground/caller.ts";
import { createApiKey, revokeApiKey } from "./api-key-service.ts";

const CALLER_KIND_DESCRIPTIONS: Record<(typeof CALLER_KINDS)[number], string> = {
  anonymous: "No credentials: only what is public.",
  storefront: "A PUBLISHABLE key: the storefront in the browser, acting for its visitors.",
  shopper: "A signed-in shopper, by a session token the storefront's backend signed; acts for that person only.",
  service: "A SERVICE key: a company app bound to one registered data system.",
  partner: "A PARTNER key: a processor, reading the records that name it.",
  staff: "A STAFF key: privacy staff, who handle requests and keep the registers, keys and policies.",
  auditor: "An AUDITOR key: reads registers, logs and ledgers, changes nothing.",
};

const CallerKindEnum = builder.enumType("CallerKind", {
  values: Object.fromEntries(CALLER_KINDS.map((kind) => [kind.toUpperCase(), { description: CALLER_KIND_DESCRIPTIONS[kind] }])),
  description: "Who the gateway takes the caller to be, from the credentials presented.",
});

const ApiKeyKindEnum = builder.enumType(ApiKeyKind, {
  name: "ApiKeyKind",
  description: "What a key is for; the kind fixes what the key may do.",
  values: {
    PUBLISHABLE: {
      description: "The storefront in the browser: public catalogue, its visitors' consent, request submission; needs allowed origins.",
    },
    SERVICE: { description: "A company app bound to one registered data system: consent checks, its request and retention tasks." },
    PARTNER: { description: "A processor: read-only access to the records that name it." },
    STAFF: { description: "Privacy staff: handle requests and keep the registers, keys and policies." },
    AUDITOR: { description: "Auditors: read registers, logs and ledgers; change nothing." },
  },
});

const SignedInPersonRef = builder.objectRef<SignedInPerson & { actor: string }>("SignedInPerson").implement({
  description: "A member of staff or an auditor signed in through the company's OpenID provider.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    subject: t.exposeString("subject", { description: "The provider's stable id for the person (`sub`)." }),
    name: t.exposeString("name", { nullable: true, description: "Their name, as the provider's token gives it." }),
    email: t.exposeString("email", { nullable: true, description: "Their e-mail address, as the provider's token gives it." }),
    actor: t.exposeString("actor", {
      description: "How the audit log, request events and identity checks name them: `staff:person:<sub> Name <e-mail>`.",
    }),
  }),
});

const ViewerRef = builder
  .objectRef<{ kind: string; tenant: string; person: (SignedInPerson & { actor: string }) | null }>("Viewer")
  .implement({
    description: "The caller as the gateway sees it.",
    authScopes: { public: true },
    fields: (t) => ({
      kind: t.field({
        type: CallerKindEnum,
        description: "What the credentials make the caller; what it may read and change follows from it.",
        resolve: ({ kind }) => kind.toUpperCase(),
      }),
      tenant: t.exposeString("tenant", { description: "Slug of the tenant whose records the caller sees." }),
      person: t.field({
        type: SignedInPersonRef,
        nullable: true,
        description: "The person signed in through the company's OpenID provider; null for API keys and other callers.",
        resolve: ({ person }) => person,
      }),
    }),
  });

builder.queryField("viewer", (t) =>
  t.field({
    type: ViewerRef,
    description: "Who the gateway takes the caller to be.",
    authScopes: { public: true },
    resolve: async (_root, _args, ctx) => {
      const tenant = await ctx.prisma.tenant.findFirstOrThrow({ select: { slug: true } });
      const { caller } = ctx;
      const person =
        (caller.kind === "staff" || caller.kind === "auditor") && caller.person ? { ...caller.person, actor: actorLabel(caller) } : null;
      return { kind: caller.kind, tenant: tenant.slug, person };
    },
  }),
);

const ApiKeyRef = builder.prismaObject("ApiKey", {
  description: "A credential for a storefront, app, partner or member of staff. The key itself is never stored.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The key record's id; revokeApiKey takes the prefix instead." }),
    kind: t.expose("kind", { type: ApiKeyKindEnum, description: "What the key is for; it fixes what the key may do." }),
    name: t.exposeString("name", { description: "The label staff gave the key, e.g. the app or person using it." }),
    prefix: t.exposeString("prefix", { description: "Non-secret start of the key, to recognise it." }),
    scopes: t.exposeStringList("scopes", {
      description: "Authorisation scopes the key carries: the one its kind allows, e.g. `storefront` or `service`.",
    }),
    allowedOrigins: t.exposeStringList("allowedOrigins", {
      description: "PUBLISHABLE keys: the origins (scheme, host, port) browsers may use the key from; empty for other kinds.",
    }),
    dataSystem: t.string({
      nullable: true,
      description: "SERVICE keys: the key of the data system the app is; null for other kinds.",
      select: { dataSystem: { select: { key: true } } },
      resolve: (key) => key.dataSystem?.key ?? null,
    }),
    processor: t.string({
      nullable: true,
      description: "PARTNER keys: the name of the processor the key belongs to; null for other kinds.",
      select: { processor: { select: { name: true } } },
      resolve: (key) => key.processor?.name ?? null,
    }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      nullable: true,
      description: "When the key stops working; null if it never expires.",
    }),
    revokedAt: t.expose("revokedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the key was revoked; null while it is in force.",
    }),
    lastUsedAt: t.expose("lastUsedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the key last authenticated a request, to the minute; null if never used.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the key was created." }),
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
  description: "A key to create: its kind, a name, and what it is bound to.",
  fields: (t) => ({
    kind: t.field({
      type: ApiKeyKindEnum,
      description: "What the key is for; SERVICE needs dataSystem, PARTNER processor, PUBLISHABLE allowedOrigins.",
    }),
    name: t.string({ description: "A label to recognise the key by, 1-100 characters." }),
    dataSystem: t.string({ required: false, description: "SERVICE keys: the key of the data system the app is." }),
    processor: t.string({ required: false, description: "PARTNER keys: the name of the processor." }),
    allowedOrigins: t.stringList({ required: false, description: "PUBLISHABLE keys: the storefront origins." }),
    expiresAt: t.field({
      type: "DateTime",
      required: false,
      description: "When the key stops working; must be in the future. Never when omitted.",
    }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<{ key: { id: string }; token: string }>("CreatedApiKey").implement({
  description: "A newly created key with its secret, which this answer alone carries.",
  authScopes: { staff: true },
  fields: (t) => ({
    key: t.prismaField({
      type: ApiKeyRef,
      description: "The key as apiKeys lists it.",
      resolve: (query, { key }, _args, ctx) => ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: key.id } }),
    }),
    token: t.exposeString("token", { description: "The key. Shown this once: store it now." }),
  }),
});

builder.mutationField("createApiKey", (t) =>
  t.field({
    type: CreatedApiKeyRef,
    description: "Creates an API key; the answer carries its secret, which cannot be shown again.",
    authScopes: { staff: true },
    args: { input: t.arg({ type: CreateApiKeyInput, description: "The key to create." }) },
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
    description: "Revokes a key at once; revoking a revoked key changes nothing.",
    authScopes: { staff: true },
    args: { prefix: t.arg.string({ description: "The key's non-secret prefix, as apiKeys lists it." }) },
    resolve: async (query, _root, { prefix }, ctx) => {
      const key = await revokeApiKey(ctx.prisma, prefix);
      await recordAudit(ctx.prisma, ctx, { operation: "revokeApiKey" });
      return ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: key.id } });
    },
  }),
);
