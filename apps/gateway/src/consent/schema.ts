import { ConsentChannel, ConsentDecision } from "@custos/db";
import { builder } from "../builder.ts";
import { PurposeRef } from "../catalogue/schema.ts";
import { parseJurisdiction } from "../identifiers/jurisdiction.ts";
import { parseSubjectId } from "../identifiers/subject-id.ts";
import { currentConsent, recordConsentDecision } from "./consent-service.ts";

const ConsentDecisionEnum = builder.enumType(ConsentDecision, { name: "ConsentDecision" });

const ConsentChannelEnum = builder.enumType(ConsentChannel, {
  name: "ConsentChannel",
  description: "Where the person made the decision.",
});

const ConsentStatusEnum = builder.enumType("ConsentStatus", {
  values: ["GRANTED", "WITHDRAWN", "NOT_ASKED"] as const,
  description: "The current answer for one purpose; NOT_ASKED when the person has never decided.",
});

builder.prismaObject("ConsentEvent", {
  description: "One consent decision in the append-only ledger.",
  authScopes: { storefront: true, shopper: true, service: true, staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    subjectId: t.string({
      select: { subject: { select: { externalId: true } } },
      resolve: (event) => event.subject.externalId,
    }),
    purpose: t.relation("purpose", { type: PurposeRef, nullable: true }),
    decision: t.expose("decision", { type: ConsentDecisionEnum }),
    channel: t.expose("channel", { type: ConsentChannelEnum }),
    jurisdiction: t.exposeString("jurisdiction", { nullable: true }),
    occurredAt: t.expose("occurredAt", { type: "DateTime" }),
  }),
});

type PurposeConsentShape = Awaited<ReturnType<typeof currentConsent>>[number];

const PurposeConsentRef = builder.objectRef<PurposeConsentShape>("PurposeConsent").implement({
  description: "A subject's current consent for one consent-based purpose.",
  authScopes: { shopper: true, service: true, staff: true, auditor: true },
  fields: (t) => ({
    purpose: t.field({ type: PurposeRef, resolve: ({ purpose }) => purpose }),
    status: t.field({ type: ConsentStatusEnum, resolve: ({ state }) => state?.decision ?? "NOT_ASKED" }),
    channel: t.field({ type: ConsentChannelEnum, nullable: true, resolve: ({ state }) => state?.channel ?? null }),
    decidedAt: t.field({ type: "DateTime", nullable: true, resolve: ({ state }) => state?.decidedAt ?? null }),
  }),
});

const SubjectConsentRef = builder.objectRef<{ subjectId: string; purposes: PurposeConsentShape[] }>("SubjectConsent").implement({
  description: "A subject's current consent state across every consent-based purpose.",
  authScopes: { shopper: true, service: true, staff: true, auditor: true },
  fields: (t) => ({
    subjectId: t.exposeString("subjectId"),
    purposes: t.expose("purposes", { type: [PurposeConsentRef] }),
  }),
});

const RecordConsentInput = builder.inputType("RecordConsentInput", {
  fields: (t) => ({
    subjectId: t.string({ description: "The app's opaque id for the person." }),
    purpose: t.string({ description: "Purpose key from the purposes query; its legal basis must be CONSENT." }),
    decision: t.field({ type: ConsentDecisionEnum }),
    channel: t.field({ type: ConsentChannelEnum }),
    jurisdiction: t.string({ required: false, description: "ISO 3166 code of the law the decision is made under, e.g. RU or US-CA." }),
  }),
});

builder.mutationField("recordConsent", (t) =>
  t.prismaField({
    type: "ConsentEvent",
    description: "Records a consent decision (grant or withdrawal) for one subject and purpose.",
    args: { input: t.arg({ type: RecordConsentInput }) },
    // The storefront records for the shopper it is serving; a signed-in shopper only for themselves.
    authScopes: (_root, { input }) => ({ storefront: true, staff: true, shopperIs: input.subjectId }),
    resolve: async (query, _root, { input }, ctx) => {
      const eventId = await recordConsentDecision(ctx.prisma, ctx, {
        subjectId: parseSubjectId(input.subjectId),
        purposeKey: input.purpose,
        decision: input.decision,
        channel: input.channel,
        jurisdiction: input.jurisdiction == null ? null : parseJurisdiction(input.jurisdiction),
      });
      return ctx.prisma.consentEvent.findUniqueOrThrow({ ...query, where: { id: eventId } });
    },
  }),
);

builder.queryField("consentState", (t) =>
  t.field({
    type: SubjectConsentRef,
    description: "The subject's current consent for every consent-based purpose.",
    args: { subjectId: t.arg.string() },
    authScopes: (_root, { subjectId }) => ({ shopperIs: subjectId, service: true, staff: true, auditor: true }),
    resolve: async (_root, args, ctx) => {
      const subjectId = parseSubjectId(args.subjectId);
      return { subjectId, purposes: await currentConsent(ctx.prisma, ctx, subjectId) };
    },
  }),
);
