import { auditedRead, recordAudit } from "../../audit/audit-service.ts";
import { builder } from "../../ground/builder.ts";
import { CustosError } from "../../ground/errors.ts";
import { parseJurisdiction } from "../../ground/identifiers/jurisdiction.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import { competentAuthority } from "../competent-authority.ts";
import { answerRequest, extendDeadline, liftRestriction, staffTransition, verifyByDocuments } from "../intake/request-service.ts";
import { dueStatus } from "../rules/index.ts";
import { AuthorityRef, DEADLINE_PROVISIONAL, DueStateEnum, RequestStatusEnum, RequestTypeEnum, VerificationMethodEnum } from "../schema.ts";
import { REFUSAL_GROUND_KEYS, REFUSAL_GROUNDS, type RefusalGround, refusalGroundsFor } from "./refusal-grounds.ts";
import { isUuid } from "./request-workflow.ts";

const RefusalGroundEnum = builder.enumType("RefusalGround", {
  description:
    "The legal ground of a refusal, per law (152-FZ Art. 14(8), GDPR Art. 12(5), 17(3), CCPA §1798.105(d)...); the notice cites it in the person's language. `ANY` grounds apply under every law.",
  values: Object.fromEntries(
    REFUSAL_GROUND_KEYS.map((key) => {
      const { laws, citation, explain } = REFUSAL_GROUNDS[key];
      return [key, { description: `${laws.join(", ")}: ${citation}${explain ? "; needs a reason saying why it applies" : ""}.` }];
    }),
  ) as Record<RefusalGround, { description: string }>,
});

const ApplicableRefusalGround = builder.objectRef<RefusalGround>("ApplicableRefusalGround").implement({
  description: "A legal ground a refusal under one law may cite, as staff choose it.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    ground: t.field({ type: RefusalGroundEnum, description: "The ground, as transitionRequest takes it.", resolve: (ground) => ground }),
    citation: t.string({ description: "What it cites, e.g. `GDPR Art. 12(5)(b)`.", resolve: (ground) => REFUSAL_GROUNDS[ground].citation }),
    needsReason: t.boolean({
      description: "true: the ground names no law itself or needs saying why it applies; staff's reason is required with it.",
      resolve: (ground) => REFUSAL_GROUNDS[ground].explain,
    }),
  }),
});

builder.queryField("refusalGrounds", (t) =>
  t.field({
    type: [ApplicableRefusalGround],
    description:
      "The legal grounds a refusal of a request under this jurisdiction may cite: its law's own first, then those of every law. The same list transitionRequest checks a REJECTED move against.",
    args: { jurisdiction: t.arg.string({ description: "The request's ISO 3166 code, e.g. RU, DE or US-CA." }) },
    authScopes: { staff: true, auditor: true },
    resolve: (_root, args) => refusalGroundsFor(parseJurisdiction(args.jurisdiction)),
  }),
);

builder.prismaObject("RequestEvent", {
  description: "One transition of a request, with who made it and when.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The history entry's id." }),
    fromStatus: t.expose("fromStatus", {
      type: RequestStatusEnum,
      nullable: true,
      description: "The status before the move; null for the first entry, the request's receipt.",
    }),
    toStatus: t.expose("toStatus", { type: RequestStatusEnum, description: "The status after the move." }),
    actor: t.exposeString("actor", {
      description: "Who moved it: `system`, or the caller as the audit log names it, e.g. `staff:cus_stf_1a2b3c4d5e6f`.",
    }),
    note: t.exposeString("note", {
      nullable: true,
      description: "What goes with the move, e.g. a rejection's reason or the new deadline of an extension; null when nothing.",
    }),
    occurredAt: t.expose("occurredAt", { type: "DateTime", description: "When the move was made." }),
  }),
});

builder.prismaObject("RequestPause", {
  description: "A stretch during which the deadline clock stood still, where the request's rule allows that.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    reason: t.exposeString("reason", { description: "Why the clock stood still, e.g. waiting for proof of identity." }),
    startedAt: t.expose("startedAt", { type: "DateTime", description: "When the clock stopped." }),
    endedAt: t.expose("endedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the clock ran again; null while the pause lasts.",
    }),
  }),
});

builder.prismaObject("PrivacyRequest", {
  description: "A data-subject request with its deadline, verification, history and system tasks, for privacy staff.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The request's id, as submitRequest returned it and privacyRequest takes it." }),
    type: t.expose("type", { type: RequestTypeEnum, description: "The right the person asked to use." }),
    status: t.expose("status", { type: RequestStatusEnum, description: "Where the request stands." }),
    jurisdiction: t.exposeString("jurisdiction", { description: "ISO 3166 code of the law whose deadline applies, e.g. DE, RU or US-CA." }),
    subjectId: t.string({
      nullable: true,
      description: "The app's id for the person, when the request named a known subject.",
      select: { subject: { select: { externalId: true } } },
      resolve: (request) => request.subject?.externalId ?? null,
    }),
    contactEmail: t.exposeString("contactEmail", {
      nullable: true,
      description: "The verified address every notice and download link goes to; null when none is known yet.",
    }),
    details: t.exposeString("details", { nullable: true, description: "What the person wrote, e.g. what to correct or the question." }),
    directMarketing: t.exposeBoolean("directMarketing", {
      description: "An objection to direct marketing: acted on at once (consent withdrawn, or the typed address suppressed).",
    }),
    receivedAt: t.expose("receivedAt", { type: "DateTime", description: "When the request was recorded." }),
    dueAt: t.expose("dueAt", { type: "DateTime", description: "The deadline in force, after any pause or extension." }),
    initialDueAt: t.expose("initialDueAt", {
      type: "DateTime",
      nullable: true,
      description: "The law's deadline as computed at receipt, before pauses and extensions.",
    }),
    acknowledgeBy: t.expose("acknowledgeBy", {
      type: "DateTime",
      nullable: true,
      description: "When receipt must be acknowledged, where the law fixes a period (CCPA: 10 business days); null otherwise.",
    }),
    extensionNoticeBy: t.expose("extensionNoticeBy", {
      type: "DateTime",
      nullable: true,
      description: "The latest moment an extension notice may reach the person; null when the law allows no extension.",
    }),
    extendedDueAt: t.expose("extendedDueAt", {
      type: "DateTime",
      nullable: true,
      description: "The deadline after an extension; null unless extended.",
    }),
    extensionReason: t.exposeString("extensionReason", {
      nullable: true,
      description: "Why the deadline was extended, as the person was told; null unless extended.",
    }),
    deadlineRule: t.exposeString("deadlineRule", { nullable: true, description: "Id of the rule applied, e.g. GDPR-ART-12-3." }),
    deadlineProvisional: t.exposeBoolean("deadlineProvisional", { description: DEADLINE_PROVISIONAL }),
    deadlineMovedFrom: t.expose("deadlineMovedFrom", {
      type: "DateTime",
      nullable: true,
      description: "The provisional deadline that a year's official calendar, once added, replaced with a later one.",
    }),
    dueState: t.field({
      type: DueStateEnum,
      description: "Where the deadline in force stands: on track, due within three days, overdue, or closed.",
      resolve: (request) => {
        if (request.closedAt) return "CLOSED";
        const { state } = dueStatus(request.dueAt, new Date());
        return state === "overdue" ? "OVERDUE" : state === "due-soon" ? "DUE_SOON" : "ON_TRACK";
      },
    }),
    overdue: t.boolean({
      description: "Open and past the deadline in force.",
      resolve: (request) => !request.closedAt && dueStatus(request.dueAt, new Date()).state === "overdue",
    }),
    dueSoon: t.boolean({
      description: "Open, with three days or less to the deadline in force.",
      resolve: (request) => !request.closedAt && dueStatus(request.dueAt, new Date()).state === "due-soon",
    }),
    verificationMethod: t.expose("verificationMethod", {
      type: VerificationMethodEnum,
      nullable: true,
      description: "How identity was verified; null until it is, or when the type needs no proof.",
    }),
    verifiedBy: t.exposeString("verifiedBy", {
      nullable: true,
      description: "Who verified identity: `subject:email-code`, `shopper-session`, or the staff key that recorded a document check.",
    }),
    verifiedAt: t.expose("verifiedAt", { type: "DateTime", nullable: true, description: "When identity was verified; null until it is." }),
    verificationProvider: t.exposeString("verificationProvider", {
      nullable: true,
      description: "DOCUMENT_CHECK: who checked the documents; null for other methods.",
    }),
    verificationReference: t.exposeString("verificationReference", {
      nullable: true,
      description: "DOCUMENT_CHECK: the provider's reference for the check; null for other methods.",
    }),
    rejectionReason: t.exposeString("rejectionReason", {
      nullable: true,
      description: "Staff's own words on why the request was refused, sent with the legal ground; null when none.",
    }),
    refusalGround: t.field({
      type: RefusalGroundEnum,
      nullable: true,
      description: "The legal ground of the refusal, cited to the person; null unless rejected (or rejected before grounds were listed).",
      resolve: (request) =>
        request.refusalGround && request.refusalGround in REFUSAL_GROUNDS ? (request.refusalGround as RefusalGround) : null,
    }),
    answer: t.exposeString("answer", {
      nullable: true,
      description: "QUESTION and COMPLAINT: staff's answer, as it was sent to the person; null until answered.",
    }),
    feeCharged: t.exposeBoolean("feeCharged", { description: "Always false: using a right costs nothing (P9)." }),
    closedAt: t.expose("closedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the request was completed, rejected or withdrawn; null while open.",
    }),
    exportExpiresAt: t.expose("exportExpiresAt", {
      type: "DateTime",
      nullable: true,
      description: "ACCESS and PORTABILITY: when the download link sent to the person stops working (7 days after it is made).",
    }),
    authority: t.field({
      type: AuthorityRef,
      nullable: true,
      description: "The data-protection authority for the request's jurisdiction, to complain to; null when Custos lists none.",
      resolve: (request) => competentAuthority(request.jurisdiction),
    }),
    events: t.relation("events", {
      description: "The request's history, oldest first.",
      query: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] },
    }),
    tasks: t.relation("tasks", {
      description: "One task per registered data system that must carry out its part.",
      query: { orderBy: { id: "asc" } },
    }),
    pauses: t.relation("pauses", {
      description: "Stretches during which the deadline clock stood still, oldest first.",
      query: { orderBy: { startedAt: "asc" } },
    }),
  }),
});

builder.queryField("privacyRequests", (t) =>
  t.prismaConnection({
    type: "PrivacyRequest",
    cursor: "id",
    description: "The staff queue: requests ordered by the deadline in force, earliest first, with overdue and due-soon flags.",
    authScopes: { staff: true, auditor: true },
    args: {
      type: t.arg({ type: RequestTypeEnum, required: false, description: "Only requests of this type; all types when absent." }),
      status: t.arg({ type: [RequestStatusEnum], required: false, description: "Any of these; all statuses when absent." }),
      jurisdiction: t.arg.string({
        required: false,
        description: "Only requests under this ISO 3166 code, e.g. DE or US-CA; all when absent.",
      }),
      open: t.arg.boolean({ required: false, description: "true: only requests still running; false: only closed ones." }),
      assignee: t.arg.string({ required: false, description: "Only requests assigned to this member of staff, by `subject`." }),
      assigned: t.arg.boolean({ required: false, description: "true: only requests someone has; false: only those nobody has." }),
    },
    resolve: async (query, _root, args, ctx) => {
      return auditedRead(ctx, { operation: "privacyRequests" }, () =>
        ctx.prisma.privacyRequest.findMany({
          ...query,
          where: {
            type: args.type ?? undefined,
            status: args.status ? { in: args.status } : undefined,
            jurisdiction: args.jurisdiction ? parseJurisdiction(args.jurisdiction) : undefined,
            closedAt: args.open == null ? undefined : args.open ? null : { not: null },
            assignee: args.assignee ? { is: { subject: args.assignee } } : undefined,
            assigneeId: args.assigned == null ? undefined : args.assigned ? { not: null } : null,
          },
          orderBy: [{ dueAt: "asc" }, { id: "asc" }],
        }),
      );
    },
  }),
);

builder.queryField("privacyRequest", (t) =>
  t.prismaField({
    type: "PrivacyRequest",
    description: "One request with its history, pauses and system tasks.",
    args: { id: t.arg.id({ description: "The request's id." }) },
    authScopes: { staff: true, auditor: true },
    resolve: async (query, _root, { id }, ctx) => {
      const request = isUuid(String(id)) ? await ctx.prisma.privacyRequest.findUnique({ ...query, where: { id: String(id) } }) : null;
      if (!request) throw new CustosError("NOT_FOUND", "There is no such request.");
      await recordAudit(ctx.prisma, ctx, { operation: "privacyRequest", subjectId: request.subjectId });
      return request;
    },
  }),
);

const TransitionRequestInput = builder.inputType("TransitionRequestInput", {
  description: "A move of a request by privacy staff.",
  fields: (t) => ({
    id: t.id({ description: "The request's id." }),
    to: t.field({ type: RequestStatusEnum, description: "The status to move it to; it must be a move the workflow allows." }),
    refusalGround: t.field({
      type: RefusalGroundEnum,
      required: false,
      description: "Required for REJECTED: the legal ground under the request's law, cited to the person.",
    }),
    reason: t.string({
      required: false,
      description: "Staff's own words, sent to the person in addition to the ground; required with grounds that name no law themselves.",
    }),
  }),
});

builder.mutationField("transitionRequest", (t) =>
  t.prismaField({
    type: "PrivacyRequest",
    description: "Moves a request as privacy staff; illegal moves are refused with the moves that are possible.",
    args: { input: t.arg({ type: TransitionRequestInput, description: "The request and where to move it." }) },
    authScopes: { staff: true },
    resolve: async (query, _root, { input }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({
        ...query,
        where: {
          id: (
            await staffTransition(ctx.prisma, ctx, {
              id: String(input.id),
              to: input.to,
              reason: input.reason ?? null,
              refusalGround: input.refusalGround ?? null,
            })
          ).id,
        },
      }),
  }),
);

builder.mutationField("answerRequest", (t) =>
  t.prismaField({
    type: "PrivacyRequest",
    description:
      "Answers a QUESTION or COMPLAINT (P4) and completes it: the answer is kept with the request and sent to the person as the notice.",
    args: {
      id: t.arg.id({ description: "The request's id." }),
      answer: t.arg.string({ description: "The answer, in the person's language; sent to them as written (plain text)." }),
    },
    authScopes: { staff: true },
    resolve: async (query, _root, { id, answer }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({
        ...query,
        where: { id: (await answerRequest(ctx.prisma, ctx, { id: String(id), answer })).id },
      }),
  }),
);

builder.mutationField("extendRequestDeadline", (t) =>
  t.prismaField({
    type: "PrivacyRequest",
    description: "Extends the deadline where the law allows it, once, before the original deadline; the reasons are sent to the person.",
    args: {
      id: t.arg.id({ description: "The request's id." }),
      reason: t.arg.string({ description: "Why more time is needed; sent to the person." }),
    },
    authScopes: { staff: true },
    resolve: async (query, _root, { id, reason }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({
        ...query,
        where: { id: (await extendDeadline(ctx.prisma, ctx, { id: String(id), reason })).id },
      }),
  }),
);

builder.mutationField("verifyRequestIdentity", (t) =>
  t.prismaField({
    type: "PrivacyRequest",
    description: "Records a third-party identity-document check (provider and reference) and starts the work.",
    args: {
      id: t.arg.id({ description: "The request's id." }),
      provider: t.arg.string({ description: "Who checked the identity documents, e.g. the verification service." }),
      reference: t.arg.string({ description: "The provider's reference for the check." }),
    },
    authScopes: { staff: true },
    resolve: async (query, _root, { id, provider, reference }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({
        ...query,
        where: { id: (await verifyByDocuments(ctx.prisma, ctx, { id: String(id), provider, reference })).id },
      }),
  }),
);

const RestrictionRef = builder.objectRef<{ subjectId: string; restrictedAt: Date | null }>("ProcessingRestriction").implement({
  description: "Whether processing of a person's data is restricted.",
  authScopes: { staff: true },
  fields: (t) => ({
    subjectId: t.exposeString("subjectId", { description: "The app's id for the person." }),
    restrictedAt: t.expose("restrictedAt", {
      type: "DateTime",
      nullable: true,
      description: "Since when processing is restricted; null when it is not (after liftProcessingRestriction).",
    }),
  }),
});

builder.mutationField("liftProcessingRestriction", (t) =>
  t.field({
    type: RestrictionRef,
    description:
      "Ends a restriction of processing (after telling the person, GDPR Art. 18(3)); a restriction in force is told to every " +
      "active webhook endpoint as `request.restriction_lifted`, in the same transaction.",
    args: { subjectId: t.arg.string({ description: "The app's id for the person." }) },
    authScopes: { staff: true },
    resolve: async (_root, args, ctx) => {
      const subjectId = parseSubjectId(args.subjectId);
      const lifted = await liftRestriction(ctx.prisma, ctx, subjectId);
      return { subjectId, restrictedAt: lifted.restrictedAt };
    },
  }),
);
