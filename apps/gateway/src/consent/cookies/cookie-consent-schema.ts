import { builder } from "../../ground/builder.ts";
import { recordCookieChoices } from "../record/consent-service.ts";
import { ConsentChannelEnum, ConsentDecisionEnum, ConsentProofInput, circumstances } from "../schema.ts";

const CookieChoiceInput = builder.inputType("CookieChoiceInput", {
  description: "The person's choice for one cookie category.",
  fields: (t) => ({
    category: t.string({ description: "Cookie category key from cookieCategories; strictly necessary ones need no choice." }),
    decision: t.field({ type: ConsentDecisionEnum, description: "Granted or withdrawn." }),
  }),
});

const RecordCookieConsentInput = builder.inputType("RecordCookieConsentInput", {
  description: "The banner's choices for one subject, one per cookie category, with where and how they were made.",
  fields: (t) => ({
    subjectId: t.string({ description: "The app's opaque id for the person (or the storefront's id for the browser)." }),
    choices: t.field({ type: [CookieChoiceInput], description: "One choice per cookie category decided on." }),
    channel: t.field({ type: ConsentChannelEnum, description: "Where the person chose, usually BANNER." }),
    jurisdiction: t.string({ required: false, description: "ISO 3166 code of the law the choice is made under, e.g. RU or US-CA." }),
    policyVersion: t.id({ required: false, description: "Id of the cookie policy version shown; the one in effect now when omitted." }),
    expiresAt: t.field({ type: "DateTime", required: false, description: "When the grants lapse; 6 months after the choice by default." }),
    idempotencyKey: t.string({
      required: false,
      description: "A key of the client's choosing: a retried request with the same key records nothing new and returns the first result.",
    }),
    gpc: t.boolean({ required: false, description: "Whether the browser's Global Privacy Control signal was on when the person chose." }),
    tcString: t.string({
      required: false,
      description:
        "IAB TCF v2.2 string: decoded with the IAB's library, refused (INVALID_TC_STRING) unless valid, then kept with each event; a grant it contradicts is refused (TC_STRING_CONTRADICTS_DECISION).",
    }),
    gppString: t.string({
      required: false,
      description:
        "IAB GPP string: decoded with the IAB's library, refused (INVALID_GPP_STRING) unless valid, then kept with each event; its opt-out of sale, sharing or targeted advertising counts as GPC.",
    }),
    proof: t.field({ type: ConsentProofInput, required: false, description: "Evidence of how the choice was made." }),
  }),
});

builder.mutationField("recordCookieConsent", (t) =>
  t.prismaField({
    type: ["ConsentEvent"],
    description: "Records the banner's choice per cookie category, one ledger event per category.",
    args: { input: t.arg({ type: RecordCookieConsentInput, description: "The choices." }) },
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
