import { PurposeRef } from "../../catalogue/schema.ts";
import { builder } from "../../ground/builder.ts";
import { parseSubjectId } from "../../ground/identifiers/subject-id.ts";
import { marketingSuppressed } from "./address-suppression.ts";
import { mintUnsubscribeToken, type UnsubscribeOutcome, unsubscribe } from "./unsubscribe-service.ts";

const UnsubscribeResultRef = builder.objectRef<UnsubscribeOutcome>("UnsubscribeResult").implement({
  description: "The outcome of following an unsubscribe link.",
  authScopes: { public: true },
  fields: (t) => ({
    purpose: t.field({
      type: PurposeRef,
      description: "The purpose withdrawn, usually `marketing`.",
      resolve: (result, _args, ctx) =>
        ctx.prisma.purpose.findUniqueOrThrow({ where: { tenantId_key: { tenantId: ctx.tenantId, key: result.purposeKey } } }),
    }),
    recorded: t.exposeBoolean("recorded", { description: "False when the purpose was already withdrawn." }),
    withdrawnAt: t.expose("withdrawnAt", {
      type: "DateTime",
      description: "When the purpose was withdrawn: now, or the earlier withdrawal.",
    }),
  }),
});

builder.mutationField("unsubscribe", (t) =>
  t.field({
    type: UnsubscribeResultRef,
    description: "Withdraws the purpose an unsubscribe link names, without signing in (channel UNSUBSCRIBE_LINK).",
    args: { token: t.arg.string({ description: "The token from the unsubscribe link (createUnsubscribeToken)." }) },
    authScopes: { public: true },
    resolve: (_root, { token }, ctx) => unsubscribe(ctx.prisma, ctx, token),
  }),
);

builder.mutationField("createUnsubscribeToken", (t) =>
  t.string({
    description: "A token for an unsubscribe link in an e-mail to the subject; it never expires and can only withdraw.",
    args: {
      subjectId: t.arg.string({ description: "The app's id for the person the e-mail goes to." }),
      purpose: t.arg.string({ required: false, description: "Defaults to `marketing`." }),
    },
    authScopes: { service: true, staff: true },
    resolve: (_root, args, ctx) => mintUnsubscribeToken(ctx.prisma, ctx, parseSubjectId(args.subjectId), args.purpose ?? "marketing"),
  }),
);

builder.queryField("marketingSuppressed", (t) =>
  t.boolean({
    description:
      "Whether marketing must not be sent to this e-mail address: someone objected to direct marketing with it, naming no " +
      "account (submitRequest with type OBJECTION and directMarketing). Check it before sending marketing to an address, " +
      "as well as the customer's consent (consentState); `+tags` and letter case do not matter.",
    args: { email: t.arg.string({ description: "The address the marketing would go to." }) },
    authScopes: { service: true, staff: true, auditor: true },
    resolve: (_root, { email }, ctx) => marketingSuppressed(ctx.prisma, ctx, email),
  }),
);
