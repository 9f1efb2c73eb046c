import { LegalBasis } from "@custos/db";
import { builder } from "../ground/builder.ts";
import { cachedCatalogue } from "./catalogue-cache.ts";
import { LOCALISED_TEXT } from "./localised-text.ts";

export const LegalBasisEnum = builder.enumType(LegalBasis, {
  name: "LegalBasis",
  description: "The legal bases the privacy policy names for processing.",
  values: {
    CONTRACT: { description: "Needed to perform the contract with the person, e.g. to deliver an order." },
    LEGITIMATE_INTEREST: { description: "The company's legitimate interest, weighed against the person's rights." },
    CONSENT: { description: "The person's consent, recorded in the consent ledger and withdrawable at any time." },
    LEGAL_OBLIGATION: { description: "Required by law, e.g. keeping accounting records." },
  },
});

export const DataCategoryRef = builder.prismaObject("DataCategory", {
  description: "A kind of personal data the company holds.",
  authScopes: { public: true },
  fields: (t) => ({
    key: t.exposeID("key", { description: "Stable identifier, e.g. `identity`; what other operations take." }),
    name: t.exposeString("name", { description: "The category's name, e.g. Identity and contact." }),
    description: t.exposeString("description", {
      description: "What personal data the category covers, e.g. name, e-mail address and telephone.",
    }),
  }),
});

export const PurposeRef = builder.prismaObject("Purpose", {
  description: "A purpose of processing from the privacy policy, with its legal basis.",
  authScopes: { public: true },
  fields: (t) => ({
    key: t.exposeID("key", { description: "Stable identifier, e.g. `marketing`." }),
    name: t.string(LOCALISED_TEXT.name),
    description: t.string(LOCALISED_TEXT.description),
    legalBasis: t.expose("legalBasis", { type: LegalBasisEnum, description: "The legal basis the processing rests on." }),
    requiresConsent: t.boolean({
      description: "Consent is asked for and recorded only for purposes whose legal basis is consent.",
      select: { legalBasis: true },
      resolve: (purpose) => purpose.legalBasis === LegalBasis.CONSENT,
    }),
    dataCategories: t.field({
      type: [DataCategoryRef],
      description: "The kinds of personal data processed for the purpose, by key.",
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
    name: t.exposeString("controllerName", { description: "The controller's legal name." }),
    email: t.exposeString("controllerEmail", { description: "The address for privacy questions and requests." }),
    address: t.exposeString("controllerAddress", { nullable: true, description: "The postal address; null when not given." }),
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
