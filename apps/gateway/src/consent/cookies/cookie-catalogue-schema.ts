import { cachedCatalogue } from "../../catalogue/catalogue-cache.ts";
import { LOCALISED_TEXT } from "../../catalogue/localised-text.ts";
import { builder } from "../../ground/builder.ts";

const CookieRef = builder.prismaObject("Cookie", {
  description: "One cookie a vendor places.",
  authScopes: { public: true },
  fields: (t) => ({
    name: t.exposeString("name", { description: "The cookie's name as the browser stores it, e.g. `_ga`." }),
    domain: t.exposeString("domain", { description: "The domain the cookie is set for." }),
    description: t.exposeString("description", { description: "What the cookie is for." }),
    retention: t.exposeString("retention", { description: "How long the cookie lives, as the vendor states it (e.g. `13 months`)." }),
  }),
});

const CookieVendorRef = builder.prismaObject("CookieVendor", {
  description: "A company that places cookies on the company's sites: the list the policy promises.",
  authScopes: { public: true },
  fields: (t) => ({
    name: t.exposeString("name", { description: "The vendor's name." }),
    country: t.exposeString("country", { description: "ISO 3166-1 alpha-2 of where the vendor processes the data." }),
    privacyPolicyUrl: t.exposeString("privacyPolicyUrl", {
      nullable: true,
      description: "The vendor's privacy policy; null when not recorded.",
    }),
    purposes: t.exposeStringList("purposes", { description: "What the vendor uses its cookies for, in the policy's words." }),
    cookies: t.relation("cookies", {
      description: "The cookies the vendor places, by name.",
      type: CookieRef,
      query: { orderBy: { name: "asc" } },
    }),
  }),
});

export const CookieCategoryRef = builder.prismaObject("CookieCategory", {
  description: "A category of cookies the storefront banner asks about, with the vendors in it.",
  authScopes: { public: true },
  fields: (t) => ({
    key: t.exposeID("key", { description: "Stable identifier, e.g. `analytics`." }),
    name: t.string(LOCALISED_TEXT.name),
    description: t.string(LOCALISED_TEXT.description),
    required: t.exposeBoolean("required", { description: "Strictly necessary: needs no consent and cannot be refused." }),
    vendors: t.relation("vendors", {
      description: "The companies that place cookies of this category, by name.",
      type: CookieVendorRef,
      query: { orderBy: { name: "asc" } },
    }),
  }),
});

builder.queryField("cookieCategories", (t) =>
  t.prismaField({
    type: [CookieCategoryRef],
    description: "The cookie categories with the companies that place cookies in each, for the banner and the cookie policy.",
    authScopes: { public: true },
    resolve: (query, _root, _args, ctx) =>
      cachedCatalogue(ctx.prisma, `cookieCategories ${JSON.stringify(query)}`, () =>
        ctx.prisma.cookieCategory.findMany({ ...query, orderBy: { position: "asc" } }),
      ),
  }),
);
