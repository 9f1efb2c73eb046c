import { LegalBasis } from "@custos/db";
import { builder } from "../ground/builder.ts";
import { cachedCatalogue } from "./catalogue-cache.ts";
import { LOCALISED_TEXT } from "./localised-text.ts";

export const LegalBasisEnum = builder.enumType(LegalBasis, {
  name: "LegalBasis",
  description: "The legal bases the privacy policy names for processing.",
});

export const DataCategoryRef = builder.prismaObject("DataCategory", {
  description: "A kind of personal data the company holds.",
  authScopes: { public: true },
  fields: (t) => ({
    key: t.exposeID("key"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
  }),
});

export const PurposeRef = builder.prismaObject("Purpose", {
  description: "A purpose of processing from the privacy policy, with its legal basis.",
  authScopes: { public: true },
  fields: (t) => ({
    key: t.exposeID("key", { description: "Stable identifier, e.g. `marketing`." }),
    name: t.string(LOCALISED_TEXT.name),
    description: t.string(LOCALISED_TEXT.description),
    legalBasis: t.expose("legalBasis", { type: LegalBasisEnum }),
    requiresConsent: t.boolean({
      description: "Consent is asked for and recorded only for purposes whose legal basis is consent.",
      select: { legalBasis: true },
      resolve: (purpose) => purpose.legalBasis === LegalBasis.CONSENT,
    }),
    dataCategories: t.field({
      type: [DataCategoryRef],
      select: { dataCategories: { select: { dataCategory: true }, orderBy: { dataCategory: { key: "asc" } } } },
      resolve: (purpose) => purpose.dataCategories.map((link) => link.dataCategory),
    }),
  }),
});

builder.queryField("purposes", (t) =>
  t.prismaField({
    type: [PurposeRef],
    description: "The purposes of processing, in the policy's order.",
    authScopes: { public: true },
    resolve: (query, _root, _args, ctx) =>
      cachedCatalogue(ctx.prisma, `purposes ${JSON.stringify(query)}`, () =>
        ctx.prisma.purpose.findMany({ ...query, orderBy: { position: "asc" } }),
      ),
  }),
);

const ControllerRef = builder.prismaObject("Tenant", {
  name: "Controller",
  description: "The company responsible for the personal data, and how to reach it about privacy.",
  authScopes: { public: true },
  fields: (t) => ({
    name: t.exposeString("controllerName"),
    email: t.exposeString("controllerEmail"),
    address: t.exposeString("controllerAddress", { nullable: true }),
  }),
});

builder.queryField("controller", (t) =>
  t.prismaField({
    type: ControllerRef,
    description: "The controller's contact details, as the privacy policy gives them.",
    authScopes: { public: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.tenant.findFirstOrThrow(query),
  }),
);
