import { RequestStatus, RequestType, VerificationMethod } from "@custos/db";
import { auditedRead, recordAudit } from "../audit/audit-service.ts";
import { builder } from "../ground/builder.ts";
import { CustosError } from "../ground/errors.ts";
import { parseJurisdiction } from "../ground/identifiers/jurisdiction.ts";
import { parseSubjectId } from "../ground/identifiers/subject-id.ts";
import { TaskStatusEnum } from "../tasks/task-status.ts";
import { authorityFor, type DataProtectionAuthority } from "./authorities.ts";
import { completeTask, pullTasks } from "./fulfilment.ts";
import { type HeldForErasure, heldData } from "./legal-holds.ts";
import {
  extendDeadline,
  liftRestriction,
  requestStatus,
  resendCode,
  staffTransition,
  subjectMove,
  submitRequest,
  verifyByDocuments,
  verifyWithCode,
} from "./request-service.ts";
import { isUuid } from "./request-workflow.ts";
import { dueStatus } from "./rules/index.ts";

const RequestTypeEnum = builder.enumType(RequestType, {
  name: "RequestType",
  description: "The rights the policy grants (P8), opt-out of sale or sharing, and questions or complaints (P4).",
});
const RequestStatusEnum = builder.enumType(RequestStatus, { name: "RequestStatus" });
const VerificationMethodEnum = builder.enumType(VerificationMethod, { name: "VerificationMethod" });
const DueStateEnum = builder.enumType("DueState", { values: ["ON_TRACK", "DUE_SOON", "OVERDUE", "CLOSED"] as const });

const DEADLINE_PROVISIONAL =
  "The deadline counts days of a year whose official working-day calendar is not in Custos yet: it comes from a " +
  "provisional rule that is never later than the official count, and is recounted when the calendar is added.";

const AuthorityRef = builder.objectRef<DataProtectionAuthority>("DataProtectionAuthority").implement({
  description: "Where the person may complain (P11): the data-protection authority for the request's jurisdiction.",
  authScopes: { public: true },
  fields: (t) => ({
    jurisdiction: t.exposeString("jurisdiction"),
    name: t.exposeString("name"),
    website: t.exposeString("website"),
    complaintUrl: t.string({ nullable: true, resolve: (authority) => authority.complaintUrl ?? null }),
    email: t.string({ nullable: true, resolve: (authority) => authority.email ?? null }),
    phone: t.string({ nullable: true, resolve: (authority) => authority.phone ?? null }),
    address: t.string({ nullable: true, resolve: (authority) => authority.address ?? null }),
    source: t.exposeString("source", { description: "Where these contact details were taken from." }),
  }),
});

/** What the person (holder of the tracking token) sees: the request's progress, never anyone's data. */
const RequestProgress = builder.prismaObject("PrivacyRequest", {
  variant: "RequestProgress",
  description: "A data-subject request as the person who made it sees it.",
  authScopes: { public: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.expose("type", { type: RequestTypeEnum }),
    status: t.expose("status", { type: RequestStatusEnum }),
    jurisdiction: t.exposeString("jurisdiction"),
    receivedAt: t.expose("receivedAt", { type: "DateTime" }),
    dueAt: t.expose("dueAt", { type: "DateTime", description: "The deadline in force, after any pause or extension." }),
    acknowledgeBy: t.expose("acknowledgeBy", { type: "DateTime", nullable: true }),
    extendedDueAt: t.expose("extendedDueAt", { type: "DateTime", nullable: true }),
    deadlineProvisional: t.exposeBoolean("deadlineProvisional", { description: DEADLINE_PROVISIONAL }),
    extensionReason: t.exposeString("extensionReason", { nullable: true }),
    rejectionReason: t.exposeString("rejectionReason", { nullable: true }),
    verificationMethod: t.expose("verificationMethod", { type: VerificationMethodEnum, nullable: true }),
    feeCharged: t.exposeBoolean("feeCharged", { description: "Always false: using a right costs nothing (P9)." }),
    closedAt: t.expose("closedAt", { type: "DateTime", nullable: true }),
    authority: t.field({ type: AuthorityRef, nullable: true, resolve: (request) => authorityFor(request.jurisdiction) }),
  }),
});

builder.prismaObject("RequestEvent", {
  description: "One transition of a request, with who made it and when.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    fromStatus: t.expose("fromStatus", { type: RequestStatusEnum, nullable: true }),
    toStatus: t.expose("toStatus", { type: RequestStatusEnum }),
    actor: t.exposeString("actor"),
    note: t.exposeString("note", { nullable: true }),
    occurredAt: t.expose("occurredAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("RequestPause", {
  description: "A stretch during which the deadline clock stood still, where the request's rule allows that.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    reason: t.exposeString("reason"),
    startedAt: t.expose("startedAt", { type: "DateTime" }),
    endedAt: t.expose("endedAt", { type: "DateTime", nullable: true }),
  }),
});

const LegalHoldNoticeRef = builder.objectRef<HeldForErasure>("HeldData").implement({
  description: "Data a legal hold keeps through an erasure, and why.",
  authScopes: { service: true, partner: true, staff: true, auditor: true },
  fields: (t) => ({
    category: t.exposeString("category", { nullable: true, description: "Data category key; null: all of the person's data." }),
    reason: t.exposeString("reason", { description: "Why the data is kept, as the person is told." }),
  }),
});

/** What a company app needs to carry out its part of a request. */
const TaskRequest = builder.prismaObject("PrivacyRequest", {
  variant: "TaskRequest",
  description: "The request behind a task, as the app (or the processor) that carries it out needs it.",
  authScopes: { service: true, partner: true, staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.expose("type", { type: RequestTypeEnum }),
    jurisdiction: t.exposeString("jurisdiction"),
    dueAt: t.expose("dueAt", { type: "DateTime" }),
    subjectId: t.string({
      nullable: true,
      description: "The app's id for the person, when the request named one.",
      select: { subject: { select: { externalId: true } } },
      resolve: (request) => request.subject?.externalId ?? null,
    }),
    contactEmail: t.exposeString("contactEmail", { nullable: true, description: "To find the person when no subjectId is known." }),
    details: t.exposeString("details", { nullable: true, description: "What the person asked, e.g. what to correct." }),
    directMarketing: t.exposeBoolean("directMarketing"),
    legalHolds: t.field({
      type: [LegalHoldNoticeRef],
      description: "ERASURE: data a legal hold keeps; do not erase these categories (category null: nothing at all). Erase the rest.",
      resolve: async (request, _args, ctx) =>
        request.type === "ERASURE" ? (await heldData(ctx.prisma, request.subjectId, new Date())).holds : [],
    }),
  }),
});

builder.prismaObject("RequestTask", {
  description: "One registered data system's part of a request.",
  authScopes: { service: true, partner: true, staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    status: t.expose("status", { type: TaskStatusEnum }),
    system: t.string({ select: { dataSystem: { select: { key: true } } }, resolve: (task) => task.dataSystem.key }),
    claimedAt: t.expose("claimedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    request: t.relation("request", { type: TaskRequest }),
  }),
});

builder.prismaObject("PrivacyRequest", {
  description: "A data-subject request with its deadline, verification, history and system tasks, for privacy staff.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.expose("type", { type: RequestTypeEnum }),
    status: t.expose("status", { type: RequestStatusEnum }),
    jurisdiction: t.exposeString("jurisdiction"),
    subjectId: t.string({
      nullable: true,
      select: { subject: { select: { externalId: true } } },
      resolve: (request) => request.subject?.externalId ?? null,
    }),
    contactEmail: t.exposeString("contactEmail", { nullable: true }),
    details: t.exposeString("details", { nullable: true }),
    directMarketing: t.exposeBoolean("directMarketing"),
    receivedAt: t.expose("receivedAt", { type: "DateTime" }),
    dueAt: t.expose("dueAt", { type: "DateTime", description: "The deadline in force, after any pause or extension." }),
    initialDueAt: t.expose("initialDueAt", { type: "DateTime", nullable: true }),
    acknowledgeBy: t.expose("acknowledgeBy", { type: "DateTime", nullable: true }),
    extensionNoticeBy: t.expose("extensionNoticeBy", { type: "DateTime", nullable: true }),
    extendedDueAt: t.expose("extendedDueAt", { type: "DateTime", nullable: true }),
    extensionReason: t.exposeString("extensionReason", { nullable: true }),
    deadlineRule: t.exposeString("deadlineRule", { nullable: true, description: "Id of the rule applied, e.g. GDPR-ART-12-3." }),
    deadlineProvisional: t.exposeBoolean("deadlineProvisional", { description: DEADLINE_PROVISIONAL }),
    deadlineMovedFrom: t.expose("deadlineMovedFrom", {
      type: "DateTime",
      nullable: true,
      description: "The provisional deadline that a year's official calendar, once added, replaced with a later one.",
    }),
    dueState: t.field({
      type: DueStateEnum,
      resolve: (request) => {
        if (request.closedAt) return "CLOSED";
        const { state } = dueStatus(request.dueAt, new Date());
        return state === "overdue" ? "OVERDUE" : state === "due-soon" ? "DUE_SOON" : "ON_TRACK";
      },
    }),
    overdue: t.boolean({ resolve: (request) => !request.closedAt && dueStatus(request.dueAt, new Date()).state === "overdue" }),
    dueSoon: t.boolean({ resolve: (request) => !request.closedAt && dueStatus(request.dueAt, new Date()).state === "due-soon" }),
    verificationMethod: t.expose("verificationMethod", { type: VerificationMethodEnum, nullable: true }),
    verifiedBy: t.exposeString("verifiedBy", { nullable: true }),
    verifiedAt: t.expose("verifiedAt", { type: "DateTime", nullable: true }),
    verificationProvider: t.exposeString("verificationProvider", { nullable: true }),
    verificationReference: t.exposeString("verificationReference", { nullable: true }),
    rejectionReason: t.exposeString("rejectionReason", { nullable: true }),
    feeCharged: t.exposeBoolean("feeCharged", { description: "Always false: using a right costs nothing (P9)." }),
    closedAt: t.expose("closedAt", { type: "DateTime", nullable: true }),
    exportExpiresAt: t.expose("exportExpiresAt", { type: "DateTime", nullable: true }),
    authority: t.field({ type: AuthorityRef, nullable: true, resolve: (request) => authorityFor(request.jurisdiction) }),
    events: t.relation("events", { query: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] } }),
    tasks: t.relation("tasks", { query: { orderBy: { id: "asc" } } }),
    pauses: t.relation("pauses", { query: { orderBy: { startedAt: "asc" } } }),
  }),
});

const RequestConcernsEnum = builder.enumType("RequestConcerns", {
  description:
    "ACCOUNT: the request is about the customer account it named (its code went to the account's registered address, or a " +
    "shopper session or staff vouch for the person). ADDRESS: it named no account with a registered address, so it concerns only " +
    "what is held under the address that receives the code.",
  values: {
    ACCOUNT: { description: "About the customer account the request named." },
    ADDRESS: { description: "About what is held under the address that receives the code." },
  } as const,
});

const SubmittedRequest = builder
  .objectRef<{
    request: typeof RequestProgress.$inferType;
    trackingToken: string;
    concerns: "ACCOUNT" | "ADDRESS";
    verificationSentTo: string | null;
  }>("SubmittedRequest")
  .implement({
    description: "A recorded request and the token its maker uses to follow it.",
    authScopes: { public: true },
    fields: (t) => ({
      request: t.field({ type: RequestProgress, resolve: ({ request }) => request }),
      concerns: t.field({
        type: RequestConcernsEnum,
        description: "Whose data the request is about: the named account, or the address.",
        resolve: ({ concerns }) => concerns,
      }),
      verificationSentTo: t.exposeString("verificationSentTo", {
        nullable: true,
        description: "Where the verification code went, masked (o***@e***.com); null when no code was sent.",
      }),
      trackingToken: t.exposeString("trackingToken", {
        description: "Shows the request's status, takes the verification code, withdraws or escalates; also e-mailed to the person.",
      }),
    }),
  });

const SubmitRequestInput = builder.inputType("SubmitRequestInput", {
  fields: (t) => ({
    type: t.field({ type: RequestTypeEnum }),
    jurisdiction: t.string({
      description: "ISO 3166 code of where the person lives, e.g. DE, RU or US-CA; it picks the law and its deadline.",
    }),
    contactEmail: t.string({
      required: false,
      description:
        "Where the acknowledgement, the code and the answer go when the request names no account with a registered address. " +
        "For an account that has one, everything goes to the registered address instead.",
    }),
    language: t.string({ required: false, description: "BCP 47 tag of the person's language (ru, en): notices are written in it." }),
    subjectId: t.string({
      required: false,
      description: "The id the company's apps know the person by; a shopper session supplies its own.",
    }),
    details: t.string({ required: false, description: "What the person asks, e.g. what to correct, or the question." }),
    directMarketing: t.boolean({
      required: false,
      description: "OBJECTION only: includes direct marketing, which withdraws marketing consent at once.",
    }),
  }),
});

const submitterScopes = { public: true } as const;

builder.mutationField("submitRequest", (t) =>
  t.field({
    type: SubmittedRequest,
    description:
      "Records a data-subject request. Anyone may submit; a signed-in shopper's session counts as verified identity, " +
      "others get a code by e-mail when the request type needs proof. No fee is ever asked.",
    args: { input: t.arg({ type: SubmitRequestInput }) },
    authScopes: submitterScopes,
    resolve: async (_root, { input }, ctx) => {
      if (ctx.caller.kind === "service" || ctx.caller.kind === "partner" || ctx.caller.kind === "auditor") {
        throw new CustosError("FORBIDDEN", "Requests come from the person, through the storefront or privacy staff.");
      }
      return submitRequest(ctx.prisma, ctx, {
        type: input.type,
        jurisdiction: parseJurisdiction(input.jurisdiction),
        contactEmail: input.contactEmail ?? null,
        language: input.language ?? null,
        subjectId: input.subjectId == null ? null : parseSubjectId(input.subjectId),
        details: input.details ?? null,
        directMarketing: input.directMarketing ?? null,
      });
    },
  }),
);

builder.queryField("requestStatus", (t) =>
  t.prismaField({
    type: RequestProgress,
    description: "A request's progress, for whoever holds its tracking token.",
    args: { token: t.arg.string() },
    authScopes: { public: true },
    resolve: async (query, _root, { token }, ctx) => {
      const request = await requestStatus(ctx.prisma, ctx, token);
      return ctx.prisma.privacyRequest.findUniqueOrThrow({ ...query, where: { id: request.id } });
    },
  }),
);

builder.mutationField("verifyRequest", (t) =>
  t.prismaField({
    type: RequestProgress,
    description: "Enters the e-mailed one-time code; a wrong code counts as an attempt, and the code is void after five.",
    args: { token: t.arg.string(), code: t.arg.string() },
    authScopes: { public: true },
    resolve: async (query, _root, { token, code }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({ ...query, where: { id: (await verifyWithCode(ctx.prisma, ctx, token, code)).id } }),
  }),
);

builder.mutationField("resendRequestCode", (t) =>
  t.prismaField({
    type: RequestProgress,
    description: "E-mails a fresh verification code; earlier codes stop working.",
    args: { token: t.arg.string() },
    authScopes: { public: true },
    resolve: async (query, _root, { token }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({ ...query, where: { id: (await resendCode(ctx.prisma, ctx, token)).id } }),
  }),
);

builder.mutationField("withdrawRequest", (t) =>
  t.prismaField({
    type: RequestProgress,
    description: "The person withdraws their request.",
    args: { token: t.arg.string() },
    authScopes: { public: true },
    resolve: async (query, _root, { token }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({
        ...query,
        where: { id: (await subjectMove(ctx.prisma, ctx, token, "WITHDRAWN", "withdrawRequest")).id },
      }),
  }),
);

builder.mutationField("escalateRequest", (t) =>
  t.prismaField({
    type: RequestProgress,
    description: "The person is unhappy with the answer (P11); the reply names the data-protection authority they may complain to.",
    args: { token: t.arg.string(), reason: t.arg.string({ required: false }) },
    authScopes: { public: true },
    resolve: async (query, _root, { token, reason }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({
        ...query,
        where: { id: (await subjectMove(ctx.prisma, ctx, token, "ESCALATED", "escalateRequest", reason)).id },
      }),
  }),
);

builder.queryField("privacyRequests", (t) =>
  t.prismaConnection({
    type: "PrivacyRequest",
    cursor: "id",
    description: "The staff queue: requests ordered by the deadline in force, earliest first, with overdue and due-soon flags.",
    authScopes: { staff: true, auditor: true },
    args: {
      type: t.arg({ type: RequestTypeEnum, required: false }),
      status: t.arg({ type: [RequestStatusEnum], required: false, description: "Any of these; all statuses when absent." }),
      jurisdiction: t.arg.string({ required: false }),
      open: t.arg.boolean({ required: false, description: "true: only requests still running; false: only closed ones." }),
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
    args: { id: t.arg.id() },
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
  fields: (t) => ({
    id: t.id(),
    to: t.field({ type: RequestStatusEnum }),
    reason: t.string({ required: false, description: "Required for REJECTED; sent to the person." }),
  }),
});

builder.mutationField("transitionRequest", (t) =>
  t.prismaField({
    type: "PrivacyRequest",
    description: "Moves a request as privacy staff; illegal moves are refused with the moves that are possible.",
    args: { input: t.arg({ type: TransitionRequestInput }) },
    authScopes: { staff: true },
    resolve: async (query, _root, { input }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({
        ...query,
        where: { id: (await staffTransition(ctx.prisma, ctx, { id: String(input.id), to: input.to, reason: input.reason ?? null })).id },
      }),
  }),
);

builder.mutationField("extendRequestDeadline", (t) =>
  t.prismaField({
    type: "PrivacyRequest",
    description: "Extends the deadline where the law allows it, once, before the original deadline; the reasons are sent to the person.",
    args: { id: t.arg.id(), reason: t.arg.string() },
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
    args: { id: t.arg.id(), provider: t.arg.string(), reference: t.arg.string() },
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
    subjectId: t.exposeString("subjectId"),
    restrictedAt: t.expose("restrictedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.mutationField("liftProcessingRestriction", (t) =>
  t.field({
    type: RestrictionRef,
    description: "Ends a restriction of processing (after telling the person, GDPR Art. 18(3)).",
    args: { subjectId: t.arg.string() },
    authScopes: { staff: true },
    resolve: async (_root, args, ctx) => {
      const subjectId = parseSubjectId(args.subjectId);
      const lifted = await liftRestriction(ctx.prisma, ctx, subjectId);
      return { subjectId, restrictedAt: lifted.restrictedAt };
    },
  }),
);

function serviceSystem(caller: { kind: string; dataSystemId?: string }): string {
  if (caller.kind !== "service" || !caller.dataSystemId) throw new CustosError("FORBIDDEN", "Only a company app's service key has tasks.");
  return caller.dataSystemId;
}

builder.mutationField("pullRequestTasks", (t) =>
  t.prismaField({
    type: ["RequestTask"],
    description:
      "Claims up to `limit` open tasks of the caller's data system, earliest deadline first. Safe to call from several instances: " +
      "each task goes to one; a claim not completed within 15 minutes is handed out again.",
    args: { limit: t.arg.int({ required: false, defaultValue: 10 }) },
    authScopes: { service: true },
    resolve: async (query, _root, { limit }, ctx) => {
      const ids = await pullTasks(ctx.prisma, ctx, serviceSystem(ctx.caller), limit ?? 10);
      if (ids.length === 0) return [];
      return ctx.prisma.requestTask.findMany({
        ...query,
        where: { id: { in: ids } },
        orderBy: [{ request: { dueAt: "asc" } }, { id: "asc" }],
      });
    },
  }),
);

const CompleteTaskInput = builder.inputType("CompleteRequestTaskInput", {
  fields: (t) => ({
    taskId: t.id(),
    data: t.field({
      type: "JSON",
      required: false,
      description: "ACCESS and PORTABILITY: [{ category, records: [{ field: value }] }], values strings, numbers, booleans or null.",
    }),
    confirmation: t.string({ required: false, description: "Other types: what was done, without personal data." }),
  }),
});

builder.mutationField("completeRequestTask", (t) =>
  t.prismaField({
    type: "RequestTask",
    description: "Posts the caller's data system's result; when every system has, Custos completes the request and answers the person.",
    args: { input: t.arg({ type: CompleteTaskInput }) },
    authScopes: { service: true },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await completeTask(ctx.prisma, ctx, serviceSystem(ctx.caller), {
        taskId: String(input.taskId),
        data: input.data ?? undefined,
        confirmation: input.confirmation ?? null,
      });
      return ctx.prisma.requestTask.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.queryField("requestTasks", (t) =>
  t.prismaConnection({
    type: "RequestTask",
    cursor: "id",
    description:
      "Request tasks, earliest deadline first: a partner sees those of its processor's data systems, a company app its own, " +
      "staff and auditors all.",
    authScopes: { partner: true, service: true, staff: true, auditor: true },
    args: { status: t.arg({ type: TaskStatusEnum, required: false }) },
    resolve: async (query, _root, { status }, ctx) => {
      const { caller } = ctx;
      const system =
        caller.kind === "partner"
          ? { dataSystem: { processorId: caller.processorId } }
          : caller.kind === "service"
            ? { dataSystemId: caller.dataSystemId }
            : {};
      return auditedRead(ctx, { operation: "requestTasks" }, () =>
        ctx.prisma.requestTask.findMany({
          ...query,
          where: { ...system, status: status ?? undefined },
          orderBy: [{ request: { dueAt: "asc" } }, { id: "asc" }],
        }),
      );
    },
  }),
);
