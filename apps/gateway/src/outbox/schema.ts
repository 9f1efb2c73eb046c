import { OutboxStatus } from "@custos/db";
import { auditedRead } from "../audit/audit-service.ts";
import { builder } from "../builder.ts";

const OutboxStatusEnum = builder.enumType(OutboxStatus, { name: "OutboxStatus" });

builder.prismaObject("OutboxMessage", {
  description: "An e-mail notice and its delivery state.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    template: t.exposeString("template"),
    recipient: t.exposeString("recipient"),
    status: t.expose("status", { type: OutboxStatusEnum }),
    attempts: t.exposeInt("attempts"),
    lastError: t.exposeString("lastError", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
  }),
});

builder.queryField("outbox", (t) =>
  t.prismaConnection({
    type: "OutboxMessage",
    cursor: "id",
    description: "Notices waiting, sent or failed, oldest first.",
    authScopes: { staff: true, auditor: true },
    args: { status: t.arg({ type: OutboxStatusEnum, required: false }) },
    resolve: async (query, _root, { status }, ctx) => {
      return auditedRead(ctx, { operation: "outbox" }, () =>
        ctx.prisma.outboxMessage.findMany({
          ...query,
          where: { status: status ?? undefined },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        }),
      );
    },
  }),
);
