import { builder } from "../../ground/builder.ts";
import { CustosError } from "../../ground/errors.ts";
import { isVisitorId, parseCustomerId, parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import { ConsentChannelEnum, ConsentDecisionEnum, ConsentProofInput, circumstances, decisionFields } from "../schema.ts";
import { recordConsentDecision, withdrawAllConsent } from "./consent-service.ts";
import { carryVisitorConsent } from "./visitor-carry-over.ts";

const RecordConsentInput = builder.inputType("RecordConsentInput", {
  description: "One consent decision for one subject and purpose, with where and how it was made.",
  fields: (t) => ({
    subjectId: t.string({ description: "The app's opaque id for the person." }),
    purpose: t.string({ description: "Purpose key from the purposes query; its legal basis must be CONSENT." }),
    decision: t.field({ type: ConsentDecisionEnum, description: "Granted or withdrawn." }),
    channel: t.field({ type: ConsentChannelEnum, description: "Where the person decided; GPC_SIGNAL is for reportGpc only." }),
    jurisdiction: t.string({ required: false, description: decisionFields.jurisdiction }),
    policyVersion: t.id({ required: false, description: decisionFields.policyVersion }),
    expiresAt: t.field({ type: "DateTime", required: false, description: "When a grant lapses; by default it lasts until withdrawn." }),
    idempotencyKey: t.string({ required: false, description: decisionFields.idempotencyKey }),
    gpc: t.boolean({ required: false, description: decisionFields.gpc }),
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
    proof: t.field({ type: ConsentProofInput, required: false, description: "Evidence of how the decision was made." }),
  }),
});

builder.mutationField("recordConsent", (t) =>
  t.prismaField({
    type: "ConsentEvent",
    description: "Records a consent decision (grant or withdrawal) for one subject and purpose.",
    args: { input: t.arg({ type: RecordConsentInput, description: "The decision." }) },
    // The storefront records for the shopper it is serving; a signed-in shopper only for themselves.
    // The public storefront key writes for visitors only; a customer's consent comes with their session or from a company app.
    authScopes: (_root, { input }) => ({ storefrontVisitor: input.subjectId, service: true, staff: true, shopperIs: input.subjectId }),
    resolve: async (query, _root, { input }, ctx) => {
      const event = await recordConsentDecision(ctx.prisma, ctx, {
        ...circumstances(input),
        purposeKey: input.purpose,
        decision: input.decision,
        expiresAt: input.expiresAt ?? null,
      });
      // The event as chained has every column: it is read back only for what the selection adds (subjectId, relations).
      if (Object.keys(query).length === 0) return event;
      return ctx.prisma.consentEvent.findUniqueOrThrow({ ...query, where: { id: event.id } });
    },
  }),
);

const WithdrawAllConsentInput = builder.inputType("WithdrawAllConsentInput", {
  description: "A withdrawal of everything one subject has granted.",
  fields: (t) => ({
    subjectId: t.string({ description: "The app's opaque id for the person." }),
    channel: t.field({ type: ConsentChannelEnum, description: "Where the person withdrew." }),
    jurisdiction: t.string({ required: false, description: decisionFields.jurisdiction }),
    idempotencyKey: t.string({ required: false, description: decisionFields.idempotencyKey }),
    proof: t.field({ type: ConsentProofInput, required: false, description: "Evidence of how the withdrawal was made." }),
  }),
});

builder.mutationField("withdrawAllConsent", (t) =>
  t.prismaField({
    type: ["ConsentEvent"],
    description: "Withdraws every purpose and optional cookie category the subject has granted; returns the withdrawals recorded.",
    args: { input: t.arg({ type: WithdrawAllConsentInput, description: "Whose consent, and where it was withdrawn." }) },
    // The public storefront key writes for visitors only; a customer's consent comes with their session or from a company app.
    authScopes: (_root, { input }) => ({ storefrontVisitor: input.subjectId, service: true, staff: true, shopperIs: input.subjectId }),
    resolve: async (query, _root, { input }, ctx) => {
      const { subjectId, channel, jurisdiction, proof, idempotencyKey } = circumstances(input);
      const events = await withdrawAllConsent(ctx.prisma, ctx, { subjectId, channel, jurisdiction, proof, idempotencyKey });
      return ctx.prisma.consentEvent.findMany({
        ...query,
        where: { id: { in: events.map((event) => event.id) } },
        orderBy: { sequence: "asc" },
      });
    },
  }),
);

builder.mutationField("adoptVisitorConsent", (t) =>
  t.prismaField({
    type: ["ConsentEvent"],
    description:
      "At sign-in: carries the visitor's current choices to the customer, in the ledger (each new event's idempotencyKey is " +
      "`carried:<the visitor's event id>`); choices the customer made later are kept. A shopper session adopts for itself; a " +
      "company app or staff name the customer.",
    args: {
      visitorId: t.arg.string({ description: "The storefront's visitor id (`visitor:…`) used before sign-in." }),
      subjectId: t.arg.string({ required: false, description: "The customer's id; a shopper session supplies its own." }),
    },
    authScopes: { shopper: true, service: true, staff: true },
    resolve: async (query, _root, args, ctx) => {
      const visitorId = parseSubjectId(args.visitorId);
      if (!isVisitorId(visitorId)) throw new CustosError("INVALID_SUBJECT_ID", "visitorId must be a visitor id (`visitor:…`).");
      const session = ctx.caller.kind === "shopper" ? ctx.caller.subjectExternalId : null;
      if (session && args.subjectId && args.subjectId !== session) {
        throw new CustosError("FORBIDDEN", "A shopper session adopts a visitor's choices for its own shopper only.");
      }
      const named = session ?? args.subjectId;
      if (!named) throw new CustosError("INVALID_SUBJECT_ID", "subjectId must name the customer who signed in.");
      const events = await carryVisitorConsent(ctx.prisma, ctx, visitorId, parseCustomerId(named));
      return ctx.prisma.consentEvent.findMany({
        ...query,
        where: { id: { in: events.map((event) => event.id) } },
        orderBy: { sequence: "asc" },
      });
    },
  }),
);
