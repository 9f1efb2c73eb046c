import { PurposeRef } from "../../catalogue/schema.ts";
import { builder } from "../../ground/builder.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import { CookieCategoryRef } from "../cookies/cookie-catalogue-schema.ts";
import { ConsentChannelEnum, ConsentStatusEnum } from "../schema.ts";
import { checkConsentInBulk, MAX_BULK_SUBJECTS, type SubjectPurposeCheck } from "./bulk-consent-check.ts";
import { currentConsent, type SubjectConsentCheck } from "./consent-check.ts";
import { type TcfPermission, tcfPermission } from "./tcf-permission.ts";

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/** When, where and until when a current decision holds: the same three fields wherever a decision is answered. */
function currentDecisionFields<Shape extends Pick<SubjectPurposeCheck, "state" | "validity">>(
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Shape>,
) {
  return {
    channel: t.field({
      type: ConsentChannelEnum,
      nullable: true,
      description: "Where the current decision was made; null when never asked.",
      resolve: ({ state }: Shape) => state?.channel ?? null,
    }),
    decidedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the current decision was made; null when never asked.",
      resolve: ({ state }: Shape) => state?.decidedAt ?? null,
    }),
    validUntil: t.field({
      type: "DateTime",
      nullable: true,
      description: "When a grant lapses; null when it lasts until withdrawn or is not a grant.",
      resolve: ({ validity }: Shape) => (validity.validUntil === null ? null : new Date(validity.validUntil)),
    }),
  };
}

/** The event behind the current decision, where one subject reads their own state: what their receipt is for. */
function decisionEventField<Shape extends { state: { eventId: string } | null }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Shape>,
) {
  return t.field({
    type: "ID",
    nullable: true,
    description: "The consent event that made the current decision, as signedConsentReceipt takes it; null when never asked.",
    resolve: ({ state }: Shape) => state?.eventId ?? null,
  });
}

const SubjectPurposeConsentRef = builder.objectRef<SubjectPurposeCheck>("SubjectPurposeConsent").implement({
  description: "One subject's current consent for the purpose a consentStates check asked about.",
  authScopes: { service: true, staff: true, auditor: true },
  fields: (t) => ({
    subjectId: t.exposeString("subjectId", { description: "The id as asked." }),
    status: t.field({
      type: ConsentStatusEnum,
      description: "The decision judged now: NOT_ASKED also for an id the gateway has never seen.",
      resolve: ({ validity }) => validity.status,
    }),
    processingAllowed: t.boolean({
      description: "True only when consent is GRANTED and processing is not restricted: the one field an app checks.",
      resolve: ({ processingAllowed }) => processingAllowed,
    }),
    restricted: t.exposeBoolean("restricted", {
      description: "Processing is restricted (a completed restriction request): not allowed whatever the decision.",
    }),
    ...currentDecisionFields(t),
  }),
});

builder.queryField("consentStates", (t) =>
  t.field({
    type: [SubjectPurposeConsentRef],
    description:
      `Many subjects' current consent for one purpose, judged as consentState judges it: the check before a campaign. ` +
      `At most ${MAX_BULK_SUBJECTS} ids per call (TOO_MANY_SUBJECTS beyond); one entry per id, in the order asked. An id ` +
      "the gateway has never seen answers NOT_ASKED. The call leaves one audit entry naming the purpose and the count.",
    args: {
      purpose: t.arg.string({ description: "Purpose key from the purposes query; its legal basis must be CONSENT." }),
      subjectIds: t.arg.stringList({ description: "The app's ids for the people to check." }),
    },
    // Company apps, staff and auditors: a shopper or a storefront checks one subject of its own with consentState.
    authScopes: { service: true, staff: true, auditor: true },
    resolve: (_root, args, ctx) => checkConsentInBulk(ctx, args.purpose, args.subjectIds),
  }),
);

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
    ...currentDecisionFields(t),
    eventId: decisionEventField(t),
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
    ...currentDecisionFields(t),
    eventId: decisionEventField(t),
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

const TcfPermissionReasonEnum = builder.enumType("TcfPermissionReason", {
  description: "Why tcfPermission answered as it did.",
  values: {
    CONSENT: { description: "Allowed: the TC string gives consent for the purpose and the vendor." },
    LEGITIMATE_INTEREST: { description: "Allowed: the TC string establishes a legitimate interest for the purpose and the vendor." },
    NO_TC_STRING: { description: "Not allowed: no decision of the person at or before that time came with a TC string." },
    PURPOSE_NOT_ALLOWED: { description: "Not allowed: the TC string gives the purpose neither consent nor a legitimate interest." },
    VENDOR_NOT_ALLOWED: { description: "Not allowed: the purpose is allowed, but not for this vendor." },
    WITHDRAWN_SINCE: { description: "Not allowed: the person withdrew a purpose or cookie category standing for it since." },
  } as const,
});

const TcfPermissionRef = builder.objectRef<TcfPermission>("TcfPermission").implement({
  description: "Whether one IAB vendor may use one TCF purpose for one person at one time, from the ledger.",
  authScopes: { service: true, staff: true, auditor: true },
  fields: (t) => ({
    subjectId: t.exposeString("subjectId", { description: "The id as asked." }),
    vendorId: t.exposeInt("vendorId", { description: "The vendor's Global Vendor List id, as asked." }),
    purpose: t.exposeInt("purpose", { description: "The TCF purpose, 1 to 11, as asked." }),
    at: t.field({ type: "DateTime", description: "The time the answer is for.", resolve: ({ at }) => at }),
    allowed: t.exposeBoolean("allowed", { description: "True only when the vendor may use the purpose for the person then." }),
    reason: t.field({ type: TcfPermissionReasonEnum, description: "Why.", resolve: ({ reason }) => reason }),
    tcStringRecordedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the TC string answered from was recorded; null when there is none.",
      resolve: ({ tcStringRecordedAt }) => tcStringRecordedAt,
    }),
  }),
});

builder.queryField("tcfPermission", (t) =>
  t.field({
    type: TcfPermissionRef,
    description:
      "May IAB vendor `vendorId` use TCF purpose `purpose` for the subject, now or at `at`? Answered from the last TC string " +
      "the subject's decisions came with at or before then (decoded with the IAB's library), unless a withdrawal of a " +
      "purpose or cookie category standing for it was recorded since.",
    args: {
      subjectId: t.arg.string({ description: "The app's id for the person." }),
      vendorId: t.arg.int({ description: "The vendor's Global Vendor List id." }),
      purpose: t.arg.int({ description: "The TCF v2.2 purpose, 1 to 11." }),
      at: t.arg({ type: "DateTime", required: false, description: "The time to answer for; now when omitted." }),
    },
    authScopes: { service: true, staff: true, auditor: true },
    resolve: (_root, args, ctx) =>
      tcfPermission(ctx, {
        subjectId: parseSubjectId(args.subjectId),
        vendorId: args.vendorId,
        purpose: args.purpose,
        at: args.at ?? null,
      }),
  }),
);
