import { WebhookDeliveryStatus } from "@custos/db/enums";
import { auditedRead } from "../audit/audit-service.ts";
import { builder } from "../ground/builder.ts";
import { disableWebhookEndpoint, registerWebhookEndpoint, retryWebhookDelivery } from "./endpoint-service.ts";

const DeliveryStatusEnum = builder.enumType("WebhookDeliveryStatus", {
  description: "Where a webhook is on its way to a recipient.",
  values: {
    PENDING: { value: WebhookDeliveryStatus.PENDING, description: "Written by the fan-out, not yet handed to a delivery job." },
    QUEUED: { value: WebhookDeliveryStatus.QUEUED, description: "A delivery job has it and retries it with backoff." },
    DELIVERED: { value: WebhookDeliveryStatus.DELIVERED, description: "The recipient acknowledged it (HTTP 2xx); also in the audit log." },
    FAILED: {
      value: WebhookDeliveryStatus.FAILED,
      description: "Out of attempts (12, about 16 hours): dead-lettered, for staff to retry; or its endpoint was disabled, so never sent.",
    },
  },
});

builder.prismaObject("WebhookEndpoint", {
  description:
    "A data system's or processor's endpoint told of every consent change, erasure, rectification and restriction (Standard Webhooks).",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The endpoint's id." }),
    name: t.exposeString("name", { description: "Who receives: the data system or processor." }),
    url: t.exposeString("url", { description: "Where the webhooks are POSTed." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was registered; told of consent changes from then on." }),
    disabledAt: t.expose("disabledAt", {
      type: "DateTime",
      nullable: true,
      description: "When staff disabled it (disableWebhookEndpoint): told of nothing since; null while active.",
    }),
    acknowledged: t.int({
      description: "Deliveries it acknowledged.",
      resolve: (endpoint, _args, ctx) => ctx.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "DELIVERED" } }),
    }),
    unacknowledged: t.int({
      description: "Deliveries it has not acknowledged yet: waiting, being retried, or dead-lettered.",
      resolve: (endpoint, _args, ctx) =>
        ctx.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id, status: { not: "DELIVERED" } } }),
    }),
  }),
});

builder.prismaObject("WebhookDelivery", {
  description: "One consent change or request told to one recipient: who was told, when, and whether they acknowledged.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The delivery's id: the `webhook-id` the recipient receives, the same on every retry." }),
    endpoint: t.relation("endpoint", { description: "The recipient." }),
    type: t.exposeString("type", {
      description:
        "What happened: `consent.changed`, `request.erasure`, `request.rectification`, `request.restriction` or " +
        "`request.restriction_lifted` (liftProcessingRestriction; its data names the restriction request it ends).",
    }),
    eventId: t.exposeID("eventId", { description: "The consent event, the privacy request, or the restriction's lift, told of." }),
    status: t.expose("status", { type: DeliveryStatusEnum, description: "Where it is on its way." }),
    attempts: t.exposeInt("attempts", { description: "Attempts made so far." }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Why the last attempt failed (an HTTP status or error name)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the change was fanned out to the recipient." }),
    deliveredAt: t.expose("deliveredAt", {
      type: "DateTime",
      nullable: true,
      description: "When the recipient acknowledged it; null until then.",
    }),
  }),
});

const RegisteredRef = builder.objectRef<{ endpoint: { id: string }; secret: string }>("RegisteredWebhookEndpoint").implement({
  description: "A newly registered endpoint with its signing secret, shown this once.",
  authScopes: { staff: true },
  fields: (t) => ({
    endpoint: t.prismaField({
      type: "WebhookEndpoint",
      description: "The endpoint.",
      resolve: (query, registered, _args, ctx) =>
        ctx.prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: registered.endpoint.id } }),
    }),
    secret: t.exposeString("secret", {
      description: "The Standard Webhooks secret (`whsec_…`) the recipient verifies signatures with; never shown again.",
    }),
  }),
});

builder.mutationField("registerWebhookEndpoint", (t) =>
  t.field({
    type: RegisteredRef,
    description:
      "Registers a recipient's endpoint; it is told of every consent change, erasure, rectification and restriction from now on, signed with the secret returned.",
    authScopes: { staff: true },
    args: {
      name: t.arg.string({ description: "Who receives: the data system or processor." }),
      url: t.arg.string({ description: "https:// URL the webhooks are POSTed to (http:// only on this host)." }),
    },
    resolve: (_root, args, ctx) => registerWebhookEndpoint(ctx.prisma, ctx, args),
  }),
);

builder.queryField("webhookEndpoints", (t) =>
  t.prismaConnection({
    type: "WebhookEndpoint",
    cursor: "id",
    description: "The recipients told of consent changes and requests, with how many deliveries each acknowledged and has not.",
    authScopes: { staff: true, auditor: true },
    resolve: (query, _root, _args, ctx) =>
      auditedRead(ctx, { operation: "webhookEndpoints" }, () =>
        ctx.prisma.webhookEndpoint.findMany({ ...query, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      ),
  }),
);

builder.queryField("webhookDeliveries", (t) =>
  t.prismaConnection({
    type: "WebhookDelivery",
    cursor: "id",
    description:
      "Who was told of which consent change or request and when, oldest first; `status: FAILED` is the dead-letter list (retryWebhookDelivery).",
    authScopes: { staff: true, auditor: true },
    args: {
      status: t.arg({ type: DeliveryStatusEnum, required: false, description: "Only deliveries in this status; all when absent." }),
      endpointId: t.arg.id({ required: false, description: "Only this recipient's deliveries." }),
    },
    resolve: (query, _root, args, ctx) =>
      auditedRead(ctx, { operation: "webhookDeliveries" }, () =>
        ctx.prisma.webhookDelivery.findMany({
          ...query,
          where: { status: args.status ?? undefined, endpointId: args.endpointId ? String(args.endpointId) : undefined },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        }),
      ),
  }),
);

builder.mutationField("retryWebhookDelivery", (t) =>
  t.prismaField({
    type: "WebhookDelivery",
    description:
      "Puts a delivery from the dead-letter list (FAILED) back in the queue with a fresh count of attempts, e.g. once the recipient is up again; same webhook-id.",
    authScopes: { staff: true },
    args: { id: t.arg.id({ description: "The delivery's id, from `webhookDeliveries(status: FAILED)`." }) },
    resolve: async (query, _root, { id }, ctx) => {
      const retried = await retryWebhookDelivery(ctx.prisma, ctx, String(id));
      return ctx.prisma.webhookDelivery.findUniqueOrThrow({ ...query, where: { id: retried.id } });
    },
  }),
);

builder.mutationField("disableWebhookEndpoint", (t) =>
  t.prismaField({
    type: "WebhookEndpoint",
    description:
      "Stops telling a recipient: no new deliveries; those it has not acknowledged go to the dead-letter list and lose their payload.",
    authScopes: { staff: true },
    args: { id: t.arg.id({ description: "The endpoint's id, from `webhookEndpoints`." }) },
    resolve: async (query, _root, { id }, ctx) => {
      const disabled = await disableWebhookEndpoint(ctx.prisma, ctx, String(id));
      return ctx.prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: disabled.id } });
    },
  }),
);
