import { RetentionAction, RetentionTrigger, RunStatus } from "@custos/db";
import { auditedRead, recordAudit } from "../audit/audit-service.ts";
import { DataCategoryRef, LegalBasisEnum } from "../catalogue/schema.ts";
import { builder } from "../ground/builder.ts";
import { actorLabel } from "../ground/caller.ts";
import { parseSubjectId } from "../ground/identifiers/subject-id.ts";
import { parseStoredJson } from "../ground/stored-json.ts";
import { describeErasureTimeLimit } from "../records/processing-record.ts";
import { TaskStatusEnum } from "../tasks/task-status.ts";
import { completeRetentionTask, placeLegalHold, releaseLegalHold, setRetentionPolicy } from "./retention-service.ts";
import { LEGAL_HOLD_GROUNDS } from "./rules/legal-hold-grounds.ts";
import { isHoldActive } from "./rules/legal-holds.ts";
import type { CategoryCounts } from "./sweep.ts";
import { SweepCountsSchema, sweepRetention } from "./sweep.ts";

const RetentionTriggerEnum = builder.enumType(RetentionTrigger, {
  name: "RetentionTrigger",
  description: "What starts the retention clock.",
  values: {
    COLLECTION: { description: "When the data was collected." },
    LAST_ACTIVITY: { description: "The person's last activity (collection when there was none since)." },
    CONTRACT_END: { description: "When the contract with the person ended; only the apps that know it can act on it." },
    REQUEST_CLOSED: { description: "When the person's latest data-subject request was closed." },
  },
});
const RetentionActionEnum = builder.enumType(RetentionAction, {
  name: "RetentionAction",
  description: "What happens to data at the end of its retention period.",
  values: {
    DELETE: { description: "The records are deleted." },
    ANONYMISE: { description: "What identifies the person is removed; the rest may stay, e.g. for statistics." },
  },
});
const RunStatusEnum = builder.enumType(RunStatus, {
  name: "RunStatus",
  description: "How a retention sweep is doing or ended.",
  values: {
    RUNNING: { description: "Still working." },
    SUCCEEDED: { description: "Finished; counts say what it did." },
    FAILED: { description: "Stopped early; error says why, and counts what it did before." },
  },
});

builder.prismaObject("RetentionPolicy", {
  description: "How long one data category is kept, from what, and what happens at the end (P2).",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The policy's id." }),
    dataCategory: t.relation("dataCategory", { type: DataCategoryRef, description: "The data category the policy governs." }),
    periodMonths: t.exposeInt("periodMonths", { description: "How long the data is kept, in calendar months from the trigger." }),
    trigger: t.expose("trigger", { type: RetentionTriggerEnum, description: "What starts the clock." }),
    action: t.expose("action", { type: RetentionActionEnum, description: "What happens when the period is over." }),
    legalBasis: t.expose("legalBasis", { type: LegalBasisEnum, description: "Why the data may be kept that long." }),
    description: t.string({
      description: "The policy in words, e.g. `36 months after collection, then anonymised`.",
      select: { periodMonths: true, trigger: true, action: true },
      resolve: (policy) => describeErasureTimeLimit(policy),
    }),
  }),
});

const LegalHoldGroundEnum = builder.enumType("LegalHoldGround", {
  description: "The law that obliges the company to keep data despite an erasure request; the person is told it in their language.",
  values: Object.fromEntries(Object.entries(LEGAL_HOLD_GROUNDS).map(([key, description]) => [key, { description }])) as Record<
    keyof typeof LEGAL_HOLD_GROUNDS,
    { description: string }
  >,
});

builder.prismaObject("LegalHold", {
  description: "Pauses retention for a subject, a data category, or a subject's data in one category.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The hold's id, which releaseLegalHold takes." }),
    subjectId: t.string({
      nullable: true,
      description: "The app's id for the person held; null when the hold covers everyone's data in its category.",
      select: { subject: { select: { externalId: true } } },
      resolve: (hold) => hold.subject?.externalId ?? null,
    }),
    dataCategory: t.relation("dataCategory", {
      type: DataCategoryRef,
      nullable: true,
      description: "The data category held; null when the hold covers all of its subject's data.",
    }),
    reason: t.exposeString("reason", { description: "Why the data must be kept, e.g. a litigation reference." }),
    ground: t.field({
      type: LegalHoldGroundEnum,
      nullable: true,
      description: "The law that obliges keeping the data, as told to the person; null when staff gave only a reason.",
      resolve: (hold) => (hold.ground && hold.ground in LEGAL_HOLD_GROUNDS ? (hold.ground as keyof typeof LEGAL_HOLD_GROUNDS) : null),
    }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      nullable: true,
      description: "When the hold ends by itself; null to hold until released.",
    }),
    releasedAt: t.expose("releasedAt", {
      type: "DateTime",
      nullable: true,
      description: "When staff released it; null while not released.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the hold was placed." }),
    active: t.boolean({
      description: "In force now: neither released nor expired.",
      select: { id: true, subjectId: true, dataCategoryId: true, expiresAt: true, releasedAt: true },
      resolve: (hold) => isHoldActive(hold, new Date()),
    }),
  }),
});

const RetentionCountsRef = builder.objectRef<CategoryCounts & { dataCategory: string }>("RetentionRunCounts").implement({
  description: "What one run did for one data category. In a dry run, `processed` is what it would have processed.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    dataCategory: t.exposeString("dataCategory", { description: "The data category's key." }),
    processed: t.exposeInt("processed", { description: "Rows of Custos's own data erased or anonymised." }),
    held: t.exposeInt("held", { description: "Rows past due but kept under a legal hold." }),
    tasksQueued: t.exposeInt("tasksQueued", { description: "Retention tasks queued for registered data systems." }),
  }),
});

builder.prismaObject("RetentionRun", {
  description: "One retention sweep: when, what it did per data category, how it ended.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The run's id." }),
    dryRun: t.exposeBoolean("dryRun", { description: "A dry run reports what it would do and changes nothing." }),
    status: t.expose("status", { type: RunStatusEnum, description: "Running, succeeded or failed." }),
    startedBy: t.exposeString("startedBy", { description: "Who started it: `cli`, or the staff key as the audit log names it." }),
    startedAt: t.expose("startedAt", { type: "DateTime", description: "When the sweep started." }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true, description: "When it ended; null while running." }),
    error: t.exposeString("error", { nullable: true, description: "Why a FAILED run stopped; null otherwise." }),
    counts: t.field({
      type: [RetentionCountsRef],
      description: "What the run did, per data category.",
      select: { counts: true },
      resolve: (run) =>
        Object.entries(parseStoredJson(SweepCountsSchema, run.counts, "RetentionRun.counts")).map(([dataCategory, counts]) => ({
          dataCategory,
          ...counts,
        })),
    }),
  }),
});

builder.prismaObject("RetentionTask", {
  description: "Erasure a registered data system owes for its copy of one data category, queued by a retention sweep.",
  authScopes: { staff: true, auditor: true, service: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "The task's id, which completeRetentionTask takes." }),
    dataSystem: t.string({
      description: "The key of the data system that owes the erasure.",
      select: { dataSystem: { select: { key: true } } },
      resolve: (task) => task.dataSystem.key,
    }),
    dataCategory: t.relation("dataCategory", { type: DataCategoryRef, description: "The data category to erase past-due records of." }),
    action: t.expose("action", { type: RetentionActionEnum, description: "Delete or anonymise the past-due records." }),
    trigger: t.expose("trigger", { type: RetentionTriggerEnum, description: "Which event starts a record's clock." }),
    clockStartBefore: t.expose("clockStartBefore", {
      type: "DateTime",
      description: "Records whose clock (per `trigger`) started before this instant are past due.",
    }),
    heldSubjectIds: t.exposeStringList("heldSubjectIds", { description: "Subjects under a legal hold: keep their data." }),
    status: t.expose("status", { type: TaskStatusEnum, description: "Where the task stands." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When a sweep queued it." }),
    completedAt: t.expose("completedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the system reported it done; null until then.",
    }),
  }),
});

builder.queryField("retentionPolicies", (t) =>
  t.prismaField({
    type: ["RetentionPolicy"],
    description: "The retention policy of every data category that has one.",
    authScopes: { staff: true, auditor: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.retentionPolicy.findMany({ ...query, orderBy: { dataCategory: { key: "asc" } } }),
  }),
);

builder.queryField("legalHolds", (t) =>
  t.prismaConnection({
    type: "LegalHold",
    cursor: "id",
    description: "Legal holds, newest first.",
    authScopes: { staff: true, auditor: true },
    args: { activeOnly: t.arg.boolean({ required: false, description: "true: only holds in force now; all holds otherwise." }) },
    resolve: async (query, _root, { activeOnly }, ctx) => {
      const now = new Date();
      return auditedRead(ctx, { operation: "legalHolds" }, () =>
        ctx.prisma.legalHold.findMany({
          ...query,
          where: activeOnly ? { releasedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } : {},
          orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        }),
      );
    },
  }),
);

builder.queryField("retentionRuns", (t) =>
  t.prismaConnection({
    type: "RetentionRun",
    cursor: "id",
    description: "Retention sweeps, newest first.",
    authScopes: { staff: true, auditor: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.retentionRun.findMany({ ...query, orderBy: [{ startedAt: "desc" }, { id: "asc" }] }),
  }),
);

builder.queryField("retentionTasks", (t) =>
  t.prismaConnection({
    type: "RetentionTask",
    cursor: "id",
    description: "Retention tasks, oldest first. A data system's service key sees its own only.",
    authScopes: { staff: true, auditor: true, service: true },
    args: { status: t.arg({ type: TaskStatusEnum, required: false, description: "Only tasks in this status; all when absent." }) },
    resolve: async (query, _root, { status }, ctx) => {
      return auditedRead(ctx, { operation: "retentionTasks" }, () =>
        ctx.prisma.retentionTask.findMany({
          ...query,
          where: { status: status ?? undefined, dataSystemId: ctx.caller.kind === "service" ? ctx.caller.dataSystemId : undefined },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        }),
      );
    },
  }),
);

const SetRetentionPolicyInput = builder.inputType("SetRetentionPolicyInput", {
  description: "The retention policy of one data category.",
  fields: (t) => ({
    dataCategory: t.string({ description: "Data category key." }),
    periodMonths: t.int({ required: false, description: "Defaults to 36, the policy's three years." }),
    trigger: t.field({ type: RetentionTriggerEnum, description: "What starts the clock." }),
    action: t.field({ type: RetentionActionEnum, description: "What happens when the period is over." }),
    legalBasis: t.field({ type: LegalBasisEnum, description: "Why the data may be kept that long." }),
  }),
});

builder.mutationField("setRetentionPolicy", (t) =>
  t.prismaField({
    type: "RetentionPolicy",
    description: "Sets (creates or replaces) the retention policy of one data category.",
    authScopes: { staff: true },
    args: { input: t.arg({ type: SetRetentionPolicyInput, description: "The policy." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await setRetentionPolicy(ctx.prisma, ctx, { ...input, dataCategoryKey: input.dataCategory });
      return ctx.prisma.retentionPolicy.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const PlaceLegalHoldInput = builder.inputType("PlaceLegalHoldInput", {
  description: "A legal hold on a subject, a data category, or a subject's data in one category; it must name at least one.",
  fields: (t) => ({
    subjectId: t.string({ required: false, description: "The app's id for the person." }),
    dataCategory: t.string({ required: false, description: "Data category key." }),
    reason: t.string({ description: "Why the data must be kept, e.g. a litigation reference." }),
    ground: t.field({
      type: LegalHoldGroundEnum,
      required: false,
      description: "The law that obliges keeping the data; a person whose erasure the hold stops is told it and the period.",
    }),
    expiresAt: t.field({
      type: "DateTime",
      required: false,
      description: "When the hold ends by itself; held until released when omitted.",
    }),
  }),
});

builder.mutationField("placeLegalHold", (t) =>
  t.prismaField({
    type: "LegalHold",
    description: "Pauses retention for a subject, a data category, or both, until released or expired.",
    authScopes: { staff: true },
    args: { input: t.arg({ type: PlaceLegalHoldInput, description: "What to hold, and why." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await placeLegalHold(ctx.prisma, ctx, {
        ...input,
        subjectExternalId: input.subjectId == null ? null : parseSubjectId(input.subjectId),
        dataCategoryKey: input.dataCategory,
      });
      return ctx.prisma.legalHold.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField("releaseLegalHold", (t) =>
  t.prismaField({
    type: "LegalHold",
    description: "Releases a legal hold; retention resumes with the next sweep.",
    authScopes: { staff: true },
    args: { id: t.arg.id({ description: "The hold's id." }) },
    resolve: async (query, _root, { id }, ctx) => {
      await releaseLegalHold(ctx.prisma, ctx, String(id));
      return ctx.prisma.legalHold.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
);

builder.mutationField("sweepRetention", (t) =>
  t.prismaField({
    type: "RetentionRun",
    description:
      "Runs a retention sweep of this tenant in the gateway's process and returns its record. A dry run reports what it would do and changes nothing. For large databases prefer `pnpm retention sweep`.",
    authScopes: { staff: true },
    args: { dryRun: t.arg.boolean({ description: "true: report what the sweep would do, change nothing." }) },
    resolve: async (query, _root, { dryRun }, ctx) => {
      await recordAudit(ctx.prisma, ctx, { operation: "sweepRetention" });
      const { runId } = await sweepRetention(ctx.prisma, ctx.tenantId, { dryRun, startedBy: actorLabel(ctx.caller) });
      return ctx.prisma.retentionRun.findUniqueOrThrow({ ...query, where: { id: runId } });
    },
  }),
);

builder.mutationField("completeRetentionTask", (t) =>
  t.prismaField({
    type: "RetentionTask",
    description: "A data system reports that it carried out a retention task.",
    authScopes: { service: true, staff: true },
    args: { id: t.arg.id({ description: "The retention task's id." }) },
    resolve: async (query, _root, { id }, ctx) => {
      await completeRetentionTask(ctx.prisma, ctx, String(id));
      return ctx.prisma.retentionTask.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
);
