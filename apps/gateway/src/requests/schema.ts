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
  values: {
    ACCESS: { description: "A copy of the person's data (right of access), released as a download package." },
    RECTIFICATION: { description: "Correct inaccurate data; details say what." },
    ERASURE: { description: "Erase the person's data, except what a legal hold keeps." },
    PORTABILITY: { description: "The person's data in a machine-readable package, to take elsewhere." },
    RESTRICTION: { description: "Restrict processing of the person's data for now; consent checks then report it restricted." },
    OBJECTION: { description: "Object to processing; with directMarketing, marketing consent is withdrawn at once." },
    OPT_OUT_OF_SALE: { description: "Opt out of the sale or sharing of personal data (CCPA); needs no proof of identity." },
    QUESTION: { description: "A question about how the person's data is handled." },
    COMPLAINT: { description: "A complaint about how the person's data is handled." },
  },
  description: "The rights the policy grants (P8), opt-out of sale or sharing, and questions or complaints (P4).",
});
const RequestStatusEnum = builder.enumType(RequestStatus, {
  name: "RequestStatus",
  description: "Where a request stands; transitionRequest refuses moves the workflow does not allow.",
  values: {
    RECEIVED: { description: "Recorded; nothing decided yet." },
    AWAITING_VERIFICATION: { description: "Waiting for proof of identity: the e-mailed code, or a document check by staff." },
    VERIFIED: { description: "Identity proven; the work is about to start." },
    IN_PROGRESS: { description: "Being carried out: the data systems work on their tasks." },
    COMPLETED: { description: "Answered: data released, corrected or erased, or the question answered. Closes the request." },
    REJECTED: { description: "Refused, with a reason sent to the person. Closes the request." },
    WITHDRAWN: { description: "Withdrawn by the person. Closes the request." },
    ESCALATED: { description: "The person contests the answer or the refusal; staff take it up again." },
  },
});
const VerificationMethodEnum = builder.enumType(VerificationMethod, {
  name: "VerificationMethod",
  description: "How the person's identity was verified before anything was released, changed or erased (P10).",
  values: {
    EMAIL_CODE: { description: "The person entered the one-time code e-mailed to the request's contact address." },
    SHOPPER_SESSION: { description: "The request came with a signed-in shopper's session." },
    DOCUMENT_CHECK: { description: "Staff recorded a third-party identity-document check (verifyRequestIdentity)." },
  },
});
const DueStateEnum = builder.enumType("DueState", {
  description: "Where a request's deadline in force stands, for the staff queue.",
  values: {
    ON_TRACK: { description: "Open, with more than three days to the deadline." },
    DUE_SOON: { description: "Open, with three days or less to the deadline." },
    OVERDUE: { description: "Open past its deadline." },
    CLOSED: { description: "Completed, rejected or withdrawn: the deadline no longer runs." },
  } as const,
});

const DEADLINE_PROVISIONAL =
  "The deadline counts days of a year whose official working-day calendar is not in Custos yet: it comes from a " +
  "provisional rule that is never later than the official count, and is recounted when the calendar is added.";

const AuthorityRef = builder.objectRef<DataProtectionAuthority>("DataProtectionAuthority").implement({
  description: "Where the person may complain (P11): the data-protection authority for the request's jurisdiction.",
  authScopes: { public: true },
  fields: (t) => ({
    jurisdiction: t.exposeString("jurisdiction", {
      description: "The jurisdiction the authority answers for: an ISO 3166 code such as RU or US-CA, or EEA for the EDPB's list.",
    }),
    name: t.exposeString("name", { description: "The authority's name, e.g. Roskomnadzor." }),
    website: t.exposeString("website", { description: "The authority's website." }),
    complaintUrl: t.string({
      nullable: true,
      description: "Where a complaint can be filed online; null when the authority has no such page.",
      resolve: (authority) => authority.complaintUrl ?? null,
    }),
    email: t.string({
      nullable: true,
      description: "The authority's e-mail address; null when it gives none.",
      resolve: (authority) => authority.email ?? null,
    }),
    phone: t.string({
      nullable: true,
      description: "The authority's phone number; null when it gives none.",
      resolve: (authority) => authority.phone ?? null,
    }),
    address: t.string({
      nullable: true,
      description: "The authority's postal address; null when it gives none.",
      resolve: (authority) => authority.address ?? null,
    }),
    source: t.exposeString("source", { description: "Where these contact details were taken from." }),
  }),
});

/** What the person (holder of the tracking token) sees: the request's progress, never anyone's data. */
const RequestProgress = builder.prismaObject("PrivacyRequest", {
  variant: "RequestProgress",
  description: "A data-subject request as the person who made it sees it.",
  authScopes: { public: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The request's id, as submitRequest returned it." }),
    type: t.expose("type", { type: RequestTypeEnum, description: "The right the person asked to use." }),
    status: t.expose("status", { type: RequestStatusEnum, description: "Where the request stands." }),
    jurisdiction: t.exposeString("jurisdiction", { description: "ISO 3166 code of the law whose deadline applies, e.g. DE, RU or US-CA." }),
    receivedAt: t.expose("receivedAt", { type: "DateTime", description: "When the request was recorded." }),
    dueAt: t.expose("dueAt", { type: "DateTime", description: "The deadline in force, after any pause or extension." }),
    acknowledgeBy: t.expose("acknowledgeBy", {
      type: "DateTime",
      nullable: true,
      description: "When receipt must be acknowledged, where the law fixes a period (CCPA: 10 business days); null otherwise.",
    }),
    extendedDueAt: t.expose("extendedDueAt", {
      type: "DateTime",
      nullable: true,
      description: "The deadline after an extension; null unless extended.",
    }),
    deadlineProvisional: t.exposeBoolean("deadlineProvisional", { description: DEADLINE_PROVISIONAL }),
    extensionReason: t.exposeString("extensionReason", {
      nullable: true,
      description: "Why the deadline was extended, as the person was told; null unless extended.",
    }),
    rejectionReason: t.exposeString("rejectionReason", {
      nullable: true,
      description: "Why the request was refused, as the person was told; null unless rejected.",
    }),
    verificationMethod: t.expose("verificationMethod", {
      type: VerificationMethodEnum,
      nullable: true,
      description: "How identity was verified; null until it is, or when the type needs no proof.",
    }),
    feeCharged: t.exposeBoolean("feeCharged", { description: "Always false: using a right costs nothing (P9)." }),
    closedAt: t.expose("closedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the request was completed, rejected or withdrawn; null while open.",
    }),
    authority: t.field({
      type: AuthorityRef,
      nullable: true,
      description: "The data-protection authority for the request's jurisdiction, to complain to; null when Custos lists none.",
      resolve: (request) => authorityFor(request.jurisdiction),
    }),
  }),
});

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
    id: t.exposeID("id", { description: "The request's id." }),
    type: t.expose("type", { type: RequestTypeEnum, description: "What the person asked for, and so what the task must do." }),
    jurisdiction: t.exposeString("jurisdiction", { description: "ISO 3166 code of the law whose deadline applies, e.g. DE, RU or US-CA." }),
    dueAt: t.expose("dueAt", { type: "DateTime", description: "The request's deadline in force: the task must be done before it." }),
    subjectId: t.string({
      nullable: true,
      description: "The app's id for the person, when the request named one.",
      select: { subject: { select: { externalId: true } } },
      resolve: (request) => request.subject?.externalId ?? null,
    }),
    contactEmail: t.exposeString("contactEmail", { nullable: true, description: "To find the person when no subjectId is known." }),
    details: t.exposeString("details", { nullable: true, description: "What the person asked, e.g. what to correct." }),
    directMarketing: t.exposeBoolean("directMarketing", {
      description: "OBJECTION: the objection includes direct marketing; stop it for this person. False otherwise.",
    }),
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
    id: t.exposeID("id", { description: "The task's id, which completeRequestTask takes." }),
    status: t.expose("status", { type: TaskStatusEnum, description: "Where the task stands." }),
    system: t.string({
      description: "The key of the data system that owes the task.",
      select: { dataSystem: { select: { key: true } } },
      resolve: (task) => task.dataSystem.key,
    }),
    claimedAt: t.expose("claimedAt", {
      type: "DateTime",
      nullable: true,
      description: "When pullRequestTasks last handed it out; null until then.",
    }),
    completedAt: t.expose("completedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the system posted its result; null until then.",
    }),
    request: t.relation("request", { type: TaskRequest, description: "The request, as the system needs it to do the task." }),
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
      description: "An objection that includes direct marketing: marketing consent was withdrawn at once.",
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
      description: "Why the request was refused, as the person was told; null unless rejected.",
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
      resolve: (request) => authorityFor(request.jurisdiction),
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
      request: t.field({
        type: RequestProgress,
        description: "The request as its maker sees it.",
        resolve: ({ request }) => request,
      }),
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
  description: "A data-subject request as the person makes it.",
  fields: (t) => ({
    type: t.field({ type: RequestTypeEnum, description: "The right the person wants to use." }),
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
    args: { input: t.arg({ type: SubmitRequestInput, description: "The request." }) },
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
    args: { token: t.arg.string({ description: "The tracking token from submitRequest (also e-mailed to the person)." }) },
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
    args: {
      token: t.arg.string({ description: "The tracking token from submitRequest (also e-mailed to the person)." }),
      code: t.arg.string({ description: "The one-time code from the e-mail." }),
    },
    authScopes: { public: true },
    resolve: async (query, _root, { token, code }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({ ...query, where: { id: (await verifyWithCode(ctx.prisma, ctx, token, code)).id } }),
  }),
);

builder.mutationField("resendRequestCode", (t) =>
  t.prismaField({
    type: RequestProgress,
    description: "E-mails a fresh verification code; earlier codes stop working.",
    args: { token: t.arg.string({ description: "The tracking token from submitRequest (also e-mailed to the person)." }) },
    authScopes: { public: true },
    resolve: async (query, _root, { token }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({ ...query, where: { id: (await resendCode(ctx.prisma, ctx, token)).id } }),
  }),
);

builder.mutationField("withdrawRequest", (t) =>
  t.prismaField({
    type: RequestProgress,
    description: "The person withdraws their request.",
    args: { token: t.arg.string({ description: "The tracking token from submitRequest (also e-mailed to the person)." }) },
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
    args: {
      token: t.arg.string({ description: "The tracking token from submitRequest (also e-mailed to the person)." }),
      reason: t.arg.string({ required: false, description: "Why the person is unhappy with the answer; kept in the request's history." }),
    },
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
      type: t.arg({ type: RequestTypeEnum, required: false, description: "Only requests of this type; all types when absent." }),
      status: t.arg({ type: [RequestStatusEnum], required: false, description: "Any of these; all statuses when absent." }),
      jurisdiction: t.arg.string({
        required: false,
        description: "Only requests under this ISO 3166 code, e.g. DE or US-CA; all when absent.",
      }),
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
    reason: t.string({ required: false, description: "Required for REJECTED; sent to the person." }),
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
        where: { id: (await staffTransition(ctx.prisma, ctx, { id: String(input.id), to: input.to, reason: input.reason ?? null })).id },
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
    description: "Ends a restriction of processing (after telling the person, GDPR Art. 18(3)).",
    args: { subjectId: t.arg.string({ description: "The app's id for the person." }) },
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
    args: { limit: t.arg.int({ required: false, defaultValue: 10, description: "How many tasks to claim at most." }) },
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
  description: "A data system's result for one request task.",
  fields: (t) => ({
    taskId: t.id({ description: "The task's id, from pullRequestTasks." }),
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
    args: { input: t.arg({ type: CompleteTaskInput, description: "The task and its result." }) },
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
    args: { status: t.arg({ type: TaskStatusEnum, required: false, description: "Only tasks in this status; all when absent." }) },
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
