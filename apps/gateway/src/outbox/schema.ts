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
    id: t.exposeID("id", { description: "The notice's id, which retryNotice takes." }),
    template: t.exposeString("template", {
      description: "Which notice it is, e.g. `request.verification-code` or `staff.deadline-reminder`.",
    }),
    recipient: t.exposeString("recipient", { description: "The e-mail address it goes to." }),
    status: t.expose("status", { type: OutboxStatusEnum, description: "Where the notice is on its way." }),
    attempts: t.exposeInt("attempts", { description: "Delivery attempts made so far (counted afresh after retryNotice)." }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Why the last attempt failed; null when none has." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the notice was written." }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true, description: "When the SMTP relay accepted it; null until then." }),
  }),
});

builder.queryField("outbox", (t) =>
  t.prismaConnection({
    type: "OutboxMessage",
    cursor: "id",
    description:
      "Notices waiting, sent or failed, oldest first; `status: FAILED` is the dead-letter list, each notice retried with `retryNotice`.",
    authScopes: { staff: true, auditor: true },
    args: { status: t.arg({ type: OutboxStatusEnum, required: false, description: "Only notices in this status; all when absent." }) },
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
      const retried = await retryFailedNotice(ctx.prisma, String(id), query.select);
      await recordAudit(ctx.prisma, ctx, { operation: "retryNotice" });
      return retried;
    },
  }),
);
