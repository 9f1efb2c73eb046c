import { builder } from "../../ground/builder.ts";
import { parseJurisdiction } from "../../ground/identifiers/jurisdiction.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import { ConsentProofInput } from "../schema.ts";
import { type GpcTargetOutcome, reportGpcSignal } from "./gpc-service.ts";

const GpcTargetKindEnum = builder.enumType("ConsentTargetKind", { values: ["PURPOSE", "COOKIE_CATEGORY"] as const });

const GpcReasonEnum = builder.enumType("GpcOutcomeReason", {
  values: [
    "GPC_OPT_OUT",
    "GPC_OVERRIDES_EARLIER_OPT_IN",
    "EXPLICIT_DECISION",
    "NO_SIGNAL",
    "STALE_SIGNAL",
    "ALREADY_OPTED_OUT",
    "EXPLICIT_OPT_IN_WHILE_GPC_ON",
  ] as const,
  description: "Why the signal did or did not change a target; see the precedence rule in the README.",
});

const GpcOutcomeRef = builder.objectRef<GpcTargetOutcome>("GpcOutcome").implement({
  description: "What one GPC report did to one purpose or cookie category in its scope.",
  authScopes: { storefront: true, shopper: true, service: true, staff: true },
  fields: (t) => ({
    kind: t.field({ type: GpcTargetKindEnum, resolve: (outcome) => outcome.kind }),
    key: t.exposeString("key"),
    recorded: t.exposeBoolean("recorded"),
    reason: t.field({ type: GpcReasonEnum, resolve: (outcome) => outcome.reason }),
    event: t.prismaField({
      type: "ConsentEvent",
      nullable: true,
      resolve: (query, outcome, _args, ctx) =>
        outcome.event === null ? null : ctx.prisma.consentEvent.findUnique({ ...query, where: { id: outcome.event.id } }),
    }),
  }),
});

const ReportGpcInput = builder.inputType("ReportGpcInput", {
  fields: (t) => ({
    subjectId: t.string(),
    gpc: t.boolean({ description: "The `Sec-GPC` header or `navigator.globalPrivacyControl` as the storefront saw it." }),
    jurisdiction: t.string({ required: false }),
    gppString: t.string({ required: false }),
    proof: t.field({ type: ConsentProofInput, required: false }),
  }),
});

builder.mutationField("reportGpc", (t) =>
  t.field({
    type: [GpcOutcomeRef],
    description: "Reports the Global Privacy Control signal: opts the subject out of sale, sharing and targeted advertising.",
    args: { input: t.arg({ type: ReportGpcInput }) },
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
