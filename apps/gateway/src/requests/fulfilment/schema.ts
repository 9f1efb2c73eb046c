import { auditedRead } from "../../audit/audit-service.ts";
import { builder } from "../../ground/builder.ts";
import { CustosError } from "../../ground/errors.ts";
import { TaskStatusEnum } from "../../tasks/task-status.ts";
import { RequestTypeEnum } from "../schema.ts";
import { completeTask, pullTasks } from "./fulfilment.ts";
import { type HeldForErasure, heldData } from "./legal-holds.ts";

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
      description:
        "False on every task now: an objection to direct marketing is acted on at once, with no task (the withdrawn consent " +
        "or marketingSuppressed stops it). Kept so apps that read it keep working.",
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
