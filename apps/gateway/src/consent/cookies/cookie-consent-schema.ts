import { builder } from "../../ground/builder.ts";
import { recordCookieChoices } from "../record/consent-service.ts";
import { ConsentChannelEnum, ConsentDecisionEnum, ConsentProofInput, circumstances } from "../schema.ts";

const CookieChoiceInput = builder.inputType("CookieChoiceInput", {
  fields: (t) => ({
    category: t.string({ description: "Cookie category key from cookieCategories; strictly necessary ones need no choice." }),
    decision: t.field({ type: ConsentDecisionEnum }),
  }),
});

const RecordCookieConsentInput = builder.inputType("RecordCookieConsentInput", {
  fields: (t) => ({
    subjectId: t.string({ description: "The app's opaque id for the person (or the storefront's id for the browser)." }),
    choices: t.field({ type: [CookieChoiceInput] }),
    channel: t.field({ type: ConsentChannelEnum }),
    jurisdiction: t.string({ required: false }),
    policyVersion: t.id({ required: false, description: "Id of the cookie policy version shown; the one in effect now when omitted." }),
    expiresAt: t.field({ type: "DateTime", required: false, description: "When the grants lapse; 6 months after the choice by default." }),
    idempotencyKey: t.string({ required: false }),
    gpc: t.boolean({ required: false }),
    tcString: t.string({ required: false, description: "IAB TCF string, stored with each event as sent." }),
    gppString: t.string({ required: false, description: "IAB GPP string, stored with each event as sent." }),
    proof: t.field({ type: ConsentProofInput, required: false }),
  }),
});

builder.mutationField("recordCookieConsent", (t) =>
  t.prismaField({
    type: ["ConsentEvent"],
    description: "Records the banner's choice per cookie category, one ledger event per category.",
    args: { input: t.arg({ type: RecordCookieConsentInput }) },
    // The public storefront key writes for visitors only; a customer's consent comes with their session or from a company app.
    authScopes: (_root, { input }) => ({ storefrontVisitor: input.subjectId, service: true, staff: true, shopperIs: input.subjectId }),
    resolve: async (query, _root, { input }, ctx) => {
      const events = await recordCookieChoices(ctx.prisma, ctx, {
        ...circumstances(input),
        choices: input.choices.map((choice) => ({ categoryKey: choice.category, decision: choice.decision })),
        expiresAt: input.expiresAt ?? null,
      });
      return ctx.prisma.consentEvent.findMany({
        ...query,
        where: { id: { in: events.map((event) => event.id) } },
        orderBy: { sequence: "asc" },
      });
    },
  }),
);
