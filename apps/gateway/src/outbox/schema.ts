import { OutboxStatus } from "@custos/db";
import { auditedRead, recordAudit } from "../audit/audit-service.ts";
import { builder } from "../ground/builder.ts";
import { retryFailedNotice } from "./outbox-service.ts";

const OutboxStatusEnum = builder.enumType("OutboxStatus", {
  description: "Where a notice is on its way to the person.",
  values: {
    PENDING: { value: OutboxStatus.PENDING, description: "Written, not yet handed to a delivery job." },
    QUEUED: { value: OutboxStatus.QUEUED, description: "A delivery job has it and retries it with backoff." },
    SENT: { value: OutboxStatus.SENT, description: "Accepted by the SMTP relay." },
    FAILED: { value: OutboxStatus.FAILED, description: "Out of attempts: on the dead-letter list, for staff to retry with retryNotice." },
  },
});

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
    description:
      "Notices waiting, sent or failed, oldest first; `status: FAILED` is the dead-letter list, each notice retried with `retryNotice`.",
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

builder.mutationField("retryNotice", (t) =>
  t.prismaField({
    type: "OutboxMessage",
    description:
      "Puts a notice from the dead-letter list (FAILED) back in the queue with a fresh count of attempts, e.g. once the SMTP relay works again.",
    authScopes: { staff: true },
    args: { id: t.arg.id({ description: "The notice's id, from `outbox(status: FAILED)`." }) },
    resolve: async (query, _root, { id }, ctx) => {
      await retryFailedNotice(ctx.prisma, String(id));
      await recordAudit(ctx.prisma, ctx, { operation: "retryNotice" });
      return ctx.prisma.outboxMessage.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
);
