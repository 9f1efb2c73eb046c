import { builder } from "../../ground/builder.ts";
import { CustosError } from "../../ground/errors.ts";
import { parseJurisdiction } from "../../ground/identifiers/jurisdiction.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import { competentAuthority } from "../competent-authority.ts";
import { AuthorityRef, DEADLINE_PROVISIONAL, RequestStatusEnum, RequestTypeEnum, VerificationMethodEnum } from "../schema.ts";
import { requestStatus, resendCode, subjectMove, submitRequest, verifyWithCode } from "./request-service.ts";

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
      resolve: (request) => competentAuthority(request.jurisdiction),
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
      description:
        "OBJECTION only: an objection to direct marketing, acted on at once and completed: the customer's marketing consent " +
        "withdrawn (from their session, staff, or once the code sent to the account's address is entered), else marketing " +
        "to the typed address stopped (marketingSuppressed).",
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
