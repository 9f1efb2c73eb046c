import { auditedRead } from "../../audit/audit-service.ts";
import { builder } from "../../ground/builder.ts";
import { assignRequest } from "./assignment.ts";

builder.prismaObject("StaffMember", {
  description: "A person who signed in through the company's OpenID provider as privacy staff or auditor.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    subject: t.exposeString("subject", { description: "The provider's stable id for the person (`sub`); assignRequest takes it." }),
    name: t.exposeString("name", { nullable: true, description: "Their name at their last sign-in." }),
    email: t.exposeString("email", { nullable: true, description: "Their e-mail address at their last sign-in." }),
    role: t.exposeString("role", { description: "`staff` or `auditor`, as the roles claim said at their last sign-in." }),
    lastSeenAt: t.expose("lastSeenAt", { type: "DateTime", description: "When they last used the gateway (to the minute)." }),
  }),
});

builder.prismaObjectField("PrivacyRequest", "assignee", (t) =>
  t.relation("assignee", { nullable: true, description: "The member of staff the request is assigned to; null while nobody has it." }),
);

builder.prismaObjectField("PrivacyRequest", "assignedAt", (t) =>
  t.expose("assignedAt", { type: "DateTime", nullable: true, description: "When it was last assigned; null while nobody has it." }),
);

builder.queryField("staffMembers", (t) =>
  t.prismaField({
    type: ["StaffMember"],
    description: "Everyone who has signed in as staff or auditor, by name: the people requests can be assigned to (role `staff`).",
    authScopes: { staff: true, auditor: true },
    resolve: (query, _root, _args, ctx) =>
      auditedRead(ctx, { operation: "staffMembers" }, () =>
        ctx.prisma.staffMember.findMany({ ...query, orderBy: [{ name: "asc" }, { subject: "asc" }] }),
      ),
  }),
);

builder.mutationField("assignRequest", (t) =>
  t.prismaField({
    type: "PrivacyRequest",
    description: "Gives a request to a member of staff, by their `subject` from staffMembers; null takes it back from whoever has it.",
    args: {
      id: t.arg.id({ description: "The request's id." }),
      assignee: t.arg.string({ required: false, description: "The member of staff's `subject`; null or absent: nobody." }),
    },
    authScopes: { staff: true },
    resolve: async (query, _root, { id, assignee }, ctx) =>
      ctx.prisma.privacyRequest.findUniqueOrThrow({
        ...query,
        where: { id: await assignRequest(ctx.prisma, ctx, String(id), assignee ?? null) },
      }),
  }),
);
