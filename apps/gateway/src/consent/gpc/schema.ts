import { builder } from "../../ground/builder.ts";
import { parseJurisdiction } from "../../ground/identifiers/jurisdiction.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import { ConsentProofInput } from "../schema.ts";
import { type GpcTargetOutcome, reportGpcSignal } from "./gpc-service.ts";

const GpcTargetKindEnum = builder.enumType("ConsentTargetKind", {
  description: "What a consent decision is about.",
  values: {
    PURPOSE: { description: "A purpose of processing, e.g. `marketing`." },
    COOKIE_CATEGORY: { description: "A cookie category, e.g. `advertising`." },
  } as const,
});

const GpcReasonEnum = builder.enumType("GpcOutcomeReason", {
  values: {
    GPC_OPT_OUT: { description: "Recorded: the signal opted out a person who had never decided." },
    GPC_OVERRIDES_EARLIER_OPT_IN: { description: "Recorded: the signal withdrew a grant made while GPC was off or unknown." },
    EXPLICIT_DECISION: { description: "Recorded: an explicit decision by the person, which takes precedence over the signal." },
    NO_SIGNAL: { description: "Not recorded: the signal was off, which changes nothing." },
    STALE_SIGNAL: { description: "Not recorded: the report is no newer than the current decision." },
    ALREADY_OPTED_OUT: { description: "Not recorded: the current decision is already a withdrawal." },
    EXPLICIT_OPT_IN_WHILE_GPC_ON: { description: "Not recorded: the person granted while the signal was on, and that choice stands." },
  } as const,
  description: "Why the signal did or did not change a target; see the precedence rule in the README.",
});

const GpcOutcomeRef = builder.objectRef<GpcTargetOutcome>("GpcOutcome").implement({
  description: "What one GPC report did to one purpose or cookie category in its scope.",
  authScopes: { storefront: true, shopper: true, service: true, staff: true },
  fields: (t) => ({
    kind: t.field({
      type: GpcTargetKindEnum,
      description: "Whether the target is a purpose or a cookie category.",
      resolve: (outcome) => outcome.kind,
    }),
    key: t.exposeString("key", { description: "The purpose or cookie category key, e.g. `marketing` or `advertising`." }),
    recorded: t.exposeBoolean("recorded", { description: "Whether the report recorded a withdrawal for this target." }),
    reason: t.field({ type: GpcReasonEnum, description: "Why it was or was not recorded.", resolve: (outcome) => outcome.reason }),
    event: t.prismaField({
      type: "ConsentEvent",
      nullable: true,
      description: "The withdrawal recorded; null when nothing was.",
      resolve: (query, outcome, _args, ctx) =>
        outcome.event === null ? null : ctx.prisma.consentEvent.findUnique({ ...query, where: { id: outcome.event.id } }),
    }),
  }),
});

const ReportGpcInput = builder.inputType("ReportGpcInput", {
  description: "The Global Privacy Control signal as the storefront saw it for one subject.",
  fields: (t) => ({
    subjectId: t.string({ description: "The app's id for the person (a visitor id for a storefront visitor)." }),
    gpc: t.boolean({ description: "The `Sec-GPC` header or `navigator.globalPrivacyControl` as the storefront saw it." }),
    jurisdiction: t.string({ required: false, description: "ISO 3166 code of the law the signal is honoured under, e.g. US-CA." }),
    gppString: t.string({
      required: false,
      description:
        "IAB GPP string: decoded with the IAB's library, refused (INVALID_GPP_STRING) unless valid, then kept with each event; its opt-out of sale, sharing or targeted advertising counts as GPC.",
    }),
    proof: t.field({ type: ConsentProofInput, required: false, description: "Evidence of the request the signal came with." }),
  }),
});

builder.mutationField("reportGpc", (t) =>
  t.field({
    type: [GpcOutcomeRef],
    description: "Reports the Global Privacy Control signal: opts the subject out of sale, sharing and targeted advertising.",
    args: { input: t.arg({ type: ReportGpcInput, description: "The signal and whose it is." }) },
    // The public storefront key writes for visitors only; a customer's consent comes with their session or from a company app.
    authScopes: (_root, { input }) => ({ storefrontVisitor: input.subjectId, service: true, staff: true, shopperIs: input.subjectId }),
    resolve: (_root, { input }, ctx) =>
      reportGpcSignal(ctx.prisma, ctx, {
        subjectId: parseSubjectId(input.subjectId),
        gpc: input.gpc,
        jurisdiction: input.jurisdiction == null ? null : parseJurisdiction(input.jurisdiction),
        proof: input.proof ?? null,
        gppString: input.gppString ?? null,
      }),
  }),
);
