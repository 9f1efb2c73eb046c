import { PolicyKind } from "@custos/db";
import { builder } from "../ground/builder.ts";
import { currentPolicies, type PublishedPolicyVersion, publishPolicyVersion } from "./policy-service.ts";

const PolicyKindEnum = builder.enumType(PolicyKind, {
  name: "PolicyKind",
  description: "Which of the two published policies.",
  values: {
    PRIVACY: { description: "The privacy policy." },
    COOKIE: { description: "The cookie policy." },
  },
});

export const PolicyVersionRef = builder.prismaObject("PolicyVersion", {
  description: "A published version of the privacy or cookie policy.",
  authScopes: { public: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The version's id, which consent decisions name as the policyVersion shown." }),
    kind: t.expose("kind", { type: PolicyKindEnum, description: "Privacy or cookie policy." }),
    version: t.exposeString("version", { description: "The version's label as published, e.g. `2024`." }),
    language: t.exposeString("language", { description: "BCP 47 tag, e.g. `ru`." }),
    url: t.exposeString("url", { nullable: true, description: "Where the text is published; null when not given." }),
    effectiveAt: t.expose("effectiveAt", { type: "DateTime", description: "When the version takes effect." }),
    material: t.exposeBoolean("material", {
      description: "A significant change: affected people are told by e-mail and consent given under earlier versions is asked again.",
    }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", description: "When it was published in Custos." }),
  }),
});

builder.queryField("currentPolicies", (t) =>
  t.prismaField({
    type: [PolicyVersionRef],
    description: "The privacy and cookie policy versions in effect now, in the language asked for when published in it.",
    args: {
      language: t.arg.string({
        required: false,
        description: "BCP 47 tag, e.g. `ru`: the version in that language where published in it, else any language.",
      }),
    },
    authScopes: { public: true },
    resolve: (_query, _root, args, ctx) => currentPolicies(ctx.prisma, args.language ?? null),
  }),
);

const PublishedPolicyVersionRef = builder.objectRef<PublishedPolicyVersion>("PublishedPolicyVersion").implement({
  description: "A newly published version, with what publishing it set in motion.",
  authScopes: { staff: true },
  fields: (t) => ({
    policyVersion: t.field({ type: PolicyVersionRef, description: "The version published.", resolve: (result) => result.policyVersion }),
    noticesQueued: t.exposeInt("noticesQueued", { description: "E-mail notices queued in the outbox (material changes only)." }),
    consentsNeedingRenewal: t.exposeInt("consentsNeedingRenewal", {
      description: "Current grants given under an earlier version, reported as NEEDS_RENEWAL once this version takes effect.",
    }),
  }),
});

const PublishPolicyVersionInput = builder.inputType("PublishPolicyVersionInput", {
  description: "A new version of the privacy or cookie policy.",
  fields: (t) => ({
    kind: t.field({ type: PolicyKindEnum, description: "Privacy or cookie policy." }),
    version: t.string({ description: "The version's label, 1-64 characters; unique per kind and language." }),
    language: t.string({ description: "BCP 47 tag, e.g. `ru`." }),
    url: t.string({ required: false, description: "Where the text is published." }),
    effectiveAt: t.field({ type: "DateTime", description: "When the version takes effect." }),
    material: t.boolean({ description: "A significant change (P16): notify affected people and ask for consent again." }),
  }),
});

builder.mutationField("publishPolicyVersion", (t) =>
  t.field({
    type: PublishedPolicyVersionRef,
    description: "Publishes a policy version; a material one queues e-mail notices and makes earlier consents need renewal.",
    args: { input: t.arg({ type: PublishPolicyVersionInput, description: "The version to publish." }) },
    authScopes: { staff: true },
    resolve: (_root, { input }, ctx) => publishPolicyVersion(ctx.prisma, ctx, { ...input, url: input.url ?? null }),
  }),
);
