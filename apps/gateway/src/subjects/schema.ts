import type { Prisma } from "@custos/db";
import { builder } from "../ground/builder.ts";
import { parseCustomerId } from "../ground/identifiers/subject-id.ts";
import { assertMayRegisterContacts, registerContact, subjectContact } from "./contact-service.ts";

type SubjectRow = Prisma.DataSubjectGetPayload<{ select: undefined }>;

const SubjectContactRef = builder.objectRef<SubjectRow>("SubjectContact").implement({
  description: "Where a person's verification codes, notices and download links go: the verified address their account system registered.",
  authScopes: { service: true, staff: true, auditor: true },
  fields: (t) => ({
    subjectId: t.exposeString("externalId", { description: "The app's id for the person." }),
    email: t.exposeString("contactEmail", { nullable: true, description: "The verified address; null when none is registered." }),
    emailVerifiedAt: t.expose("contactEmailVerifiedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the account system verified it.",
    }),
    language: t.exposeString("language", { nullable: true, description: "BCP 47 tag notices are written in." }),
    erasedAt: t.expose("erasedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the person was erased; the contact is gone then.",
    }),
  }),
});

const RegisterSubjectContactInput = builder.inputType("RegisterSubjectContactInput", {
  description: "A customer's verified contact e-mail, as the account system knows it.",
  fields: (t) => ({
    subjectId: t.string({ description: "The customer's id in the company's apps (not a visitor id)." }),
    email: t.string({
      required: false,
      description: "The address the account system has verified (confirmation link or code); null removes it.",
    }),
    language: t.string({ required: false, description: "BCP 47 tag, e.g. ru or en: the language of the person's notices." }),
    verifiedAt: t.field({ type: "DateTime", required: false, description: "When the address was verified; now when omitted." }),
  }),
});

builder.mutationField("registerSubjectContact", (t) =>
  t.field({
    type: SubjectContactRef,
    description:
      "Registers or replaces a customer's verified contact e-mail (null removes it). Only the account system's service key " +
      "and privacy staff may: codes for the person's requests go to this address. Every change is audited.",
    args: { input: t.arg({ type: RegisterSubjectContactInput, description: "Whose contact, and the address." }) },
    authScopes: { service: true, staff: true },
    resolve: (_root, { input }, ctx) =>
      registerContact(ctx.prisma, ctx, {
        subjectId: parseCustomerId(input.subjectId),
        email: input.email ?? null,
        language: input.language,
        verifiedAt: input.verifiedAt ?? null,
      }),
  }),
);

builder.queryField("subjectContact", (t) =>
  t.field({
    type: SubjectContactRef,
    description: "A customer's registered contact, for the account system, privacy staff and auditors.",
    args: { subjectId: t.arg.string({ description: "The customer's id in the company's apps." }) },
    authScopes: { service: true, staff: true, auditor: true },
    resolve: async (_root, args, ctx) => {
      if (ctx.caller.kind === "service") await assertMayRegisterContacts(ctx.prisma, ctx.caller);
      return subjectContact(ctx.prisma, ctx, parseCustomerId(args.subjectId));
    },
  }),
);
