import { ConsentChannel, ConsentDecision } from "@custos/db";
import { PurposeRef } from "../catalogue/schema.ts";
import { builder } from "../ground/builder.ts";
import { CustosError } from "../ground/errors.ts";
import { parseJurisdiction } from "../ground/identifiers/jurisdiction.ts";
import { isVisitorId, parseCustomerId, parseSubjectId } from "../ground/identifiers/subject-id.ts";
import { PolicyVersionRef } from "../policies/schema.ts";
import { currentConsent, type SubjectConsentCheck } from "./check/consent-check.ts";
import { CookieCategoryRef } from "./cookies/cookie-catalogue-schema.ts";
import { type DecisionCircumstances, recordConsentDecision, withdrawAllConsent } from "./record/consent-service.ts";
import type { ProofInput } from "./record/proof.ts";
import { carryVisitorConsent } from "./record/visitor-carry-over.ts";

export const ConsentDecisionEnum = builder.enumType(ConsentDecision, {
  name: "ConsentDecision",
  description: "What the person decided about a purpose or cookie category.",
  values: {
    GRANTED: { description: "The person agreed." },
    WITHDRAWN: { description: "The person refused, or took back an earlier agreement." },
  },
});

export const ConsentChannelEnum = builder.enumType(ConsentChannel, {
  name: "ConsentChannel",
  description: "Where the person made the decision. GPC_SIGNAL is recorded only by reportGpc.",
  values: {
    BANNER: { description: "The storefront's consent or cookie banner." },
    PREFERENCE_CENTRE: { description: "The person's privacy or marketing preferences page." },
    UNSUBSCRIBE_LINK: { description: "An unsubscribe link in an e-mail (the unsubscribe mutation)." },
    SUPPORT_AGENT: { description: "Told to customer support, who recorded it for the person." },
    API: { description: "Recorded by a company app for a decision made elsewhere." },
    GPC_SIGNAL: { description: "The browser's Global Privacy Control signal, reported with reportGpc." },
  },
});

export const ConsentStatusEnum = builder.enumType("ConsentStatus", {
  values: {
    GRANTED: { description: "Agreed, and the agreement is in force: processing that rests on consent may go ahead." },
    WITHDRAWN: { description: "Refused or taken back." },
    EXPIRED: { description: "Agreed, but the agreement's validity has ended." },
    NEEDS_RENEWAL: { description: "Agreed under a policy version that a later material version has replaced: ask again." },
    NOT_ASKED: { description: "The person has never decided." },
  } as const,
  description:
    "The current answer for one purpose or cookie category. EXPIRED: the grant's validity ended. NEEDS_RENEWAL: a later " +
    "material version of the policy it was given under has taken effect. NOT_ASKED: the person has never decided.",
});

builder.prismaObject("ConsentEvent", {
  description: "One consent decision in the append-only, hash-chained ledger.",
  authScopes: { storefront: true, shopper: true, service: true, staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The event's id, which consentReceipt takes." }),
    subjectId: t.string({
      description: "The app's id for the person who decided.",
      select: { subject: { select: { externalId: true } } },
      resolve: (event) => event.subject.externalId,
    }),
    purpose: t.relation("purpose", { type: PurposeRef, nullable: true, description: "The purpose decided on; null for a cookie choice." }),
    cookieCategory: t.relation("cookieCategory", {
      type: CookieCategoryRef,
      nullable: true,
      description: "The cookie category decided on; null for a purpose.",
    }),
    decision: t.expose("decision", { type: ConsentDecisionEnum, description: "Granted or withdrawn." }),
    channel: t.expose("channel", { type: ConsentChannelEnum, description: "Where the decision was made." }),
    jurisdiction: t.exposeString("jurisdiction", {
      nullable: true,
      description: "ISO 3166 code of the law the decision was made under, e.g. RU or US-CA; null when not given.",
    }),
    policyVersion: t.relation("policyVersion", { type: PolicyVersionRef, nullable: true, description: "The policy version shown." }),
    occurredAt: t.expose("occurredAt", { type: "DateTime", description: "When the decision was recorded." }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      nullable: true,
      description: "When a grant lapses, as recorded; null for no date of its own.",
    }),
    gpc: t.exposeBoolean("gpc", { nullable: true, description: "Whether the Global Privacy Control signal was on." }),
    sequence: t.exposeInt("sequence", { description: "Position in the controller's hash chain." }),
    hash: t.exposeString("hash", { description: "SHA-256 link of this event in the chain; quoted in its receipt." }),
  }),
});

type PurposeConsentShape = SubjectConsentCheck["purposes"][number];
type CookieConsentShape = SubjectConsentCheck["cookieCategories"][number];

const PurposeConsentRef = builder.objectRef<PurposeConsentShape>("PurposeConsent").implement({
  description: "A subject's current consent for one consent-based purpose.",
  authScopes: { storefront: true, shopper: true, service: true, staff: true, auditor: true },
  fields: (t) => ({
    purpose: t.field({ type: PurposeRef, description: "The consent-based purpose.", resolve: ({ purpose }) => purpose }),
    status: t.field({
      type: ConsentStatusEnum,
      description: "The current answer for the purpose, judged now.",
      resolve: ({ validity }) => validity.status,
    }),
    processingAllowed: t.boolean({
      description: "True only when consent is GRANTED and processing is not restricted: the one field an app checks.",
      resolve: ({ processingAllowed }) => processingAllowed,
    }),
    channel: t.field({
      type: ConsentChannelEnum,
      nullable: true,
      description: "Where the current decision was made; null when never asked.",
      resolve: ({ state }) => state?.channel ?? null,
    }),
    decidedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the current decision was made; null when never asked.",
      resolve: ({ state }) => state?.decidedAt ?? null,
    }),
    validUntil: t.field({
      type: "DateTime",
      nullable: true,
      description: "When a grant lapses; null when it lasts until withdrawn or is not a grant.",
      resolve: ({ validity }) => (validity.validUntil === null ? null : new Date(validity.validUntil)),
    }),
  }),
});

const CookieCategoryConsentRef = builder.objectRef<CookieConsentShape>("CookieCategoryConsent").implement({
  description: "A subject's current choice for one cookie category.",
  authScopes: { storefront: true, shopper: true, service: true, staff: true, auditor: true },
  fields: (t) => ({
    category: t.field({ type: CookieCategoryRef, description: "The cookie category.", resolve: ({ category }) => category }),
    status: t.field({
      type: ConsentStatusEnum,
      description: "The current answer for the category, judged now.",
      resolve: ({ validity }) => validity.status,
    }),
    processingAllowed: t.boolean({
      description: "Whether the category's cookies may be set: always for strictly necessary ones, else only while GRANTED.",
      resolve: ({ processingAllowed }) => processingAllowed,
    }),
    channel: t.field({
      type: ConsentChannelEnum,
      nullable: true,
      description: "Where the current decision was made; null when never asked.",
      resolve: ({ state }) => state?.channel ?? null,
    }),
    decidedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the current decision was made; null when never asked.",
      resolve: ({ state }) => state?.decidedAt ?? null,
    }),
    validUntil: t.field({
      type: "DateTime",
      nullable: true,
      description: "When a grant lapses; null when it lasts until withdrawn or is not a grant.",
      resolve: ({ validity }) => (validity.validUntil === null ? null : new Date(validity.validUntil)),
    }),
  }),
});

const SubjectConsentRef = builder.objectRef<SubjectConsentCheck>("SubjectConsent").implement({
  description: "A subject's current consent across every consent-based purpose and cookie category.",
  authScopes: { storefront: true, shopper: true, service: true, staff: true, auditor: true },
  fields: (t) => ({
    subjectId: t.exposeString("subjectId", { description: "The id as asked." }),
    restricted: t.exposeBoolean("restricted", {
      description: "Processing is restricted (a completed restriction request): no purpose may be processed for now.",
    }),
    purposes: t.expose("purposes", { type: [PurposeConsentRef], description: "One entry per purpose whose legal basis is consent." }),
    cookieCategories: t.expose("cookieCategories", { type: [CookieCategoryConsentRef], description: "One entry per cookie category." }),
  }),
});

export const ConsentProofInput = builder.inputType("ConsentProofInput", {
  description: "Evidence of how the decision was made. The IP address is truncated and keyed-hashed before it is stored.",
  fields: (t) => ({
    userAgent: t.string({ required: false, description: "The browser's User-Agent, at most 2048 characters." }),
    ipAddress: t.string({
      required: false,
      description: "The person's IPv4 or IPv6 address; only its network part (/24, /48), keyed-hashed, is kept.",
    }),
    pageUrl: t.string({ required: false, description: "The page the decision was made on, at most 2048 characters." }),
  }),
});

const decisionFields = {
  jurisdiction: "ISO 3166 code of the law the decision is made under, e.g. RU or US-CA.",
  policyVersion: "Id of the policy version shown; the version in effect now when omitted.",
  idempotencyKey: "A key of the client's choosing: a retried request with the same key records nothing new and returns the first result.",
  gpc: "Whether the browser's Global Privacy Control signal was on when the person decided.",
};

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
    tcString: t.string({ required: false, description: "IAB TCF string, stored with the event as sent." }),
    gppString: t.string({ required: false, description: "IAB GPP string, stored with the event as sent." }),
    proof: t.field({ type: ConsentProofInput, required: false, description: "Evidence of how the decision was made." }),
  }),
});

interface CircumstanceArgs {
  subjectId: string;
  channel: ConsentChannel;
  jurisdiction?: string | null;
  policyVersion?: string | number | null;
  idempotencyKey?: string | null;
  gpc?: boolean | null;
  tcString?: string | null;
  gppString?: string | null;
  proof?: ProofInput | null;
}

export function circumstances(input: CircumstanceArgs): DecisionCircumstances {
  return {
    subjectId: parseSubjectId(input.subjectId),
    channel: input.channel,
    jurisdiction: input.jurisdiction == null ? null : parseJurisdiction(input.jurisdiction),
    policyVersionId: input.policyVersion == null ? null : String(input.policyVersion),
    proof: input.proof ?? null,
    gpc: input.gpc ?? null,
    tcString: input.tcString ?? null,
    gppString: input.gppString ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
  };
}

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

builder.queryField("consentState", (t) =>
  t.field({
    type: SubjectConsentRef,
    description: "The subject's current consent for every consent-based purpose and cookie category: the check before processing.",
    args: { subjectId: t.arg.string({ description: "The app's id for the person (a visitor id for a storefront visitor)." }) },
    // The storefront reads back its own visitor's choices to render the banner; a visitor id is a random bearer value.
    authScopes: (_root, { subjectId }) => ({
      shopperIs: subjectId,
      storefrontVisitor: subjectId,
      service: true,
      staff: true,
      auditor: true,
    }),
    resolve: (_root, args, ctx) => currentConsent(ctx.prisma, ctx, parseSubjectId(args.subjectId)),
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
