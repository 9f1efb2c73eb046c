import { builder } from "../../ground/builder.ts";

builder.prismaObjectField("PrivacyRequest", "notices", (t) =>
  t.prismaField({
    type: ["OutboxMessage"],
    description:
      "The notices sent to the person about this request (codes, acknowledgement, extension, answer), oldest first, with their delivery state.",
    // The notice's payload names its request (request-workflow.ts queueNotices); the outbox keeps no other link.
    resolve: (query, request, _args, ctx) =>
      ctx.prisma.outboxMessage.findMany({
        ...query,
        where: { payload: { path: ["requestId"], equals: request.id } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
  }),
);
