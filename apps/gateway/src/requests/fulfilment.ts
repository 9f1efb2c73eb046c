import type { Prisma, RequestType, TenantScopedPrisma, TenantTransaction } from "@custos/db";
import { recordAudit } from "../audit/audit-service.ts";
import { CustosError } from "../errors.ts";
import type { CsvValue } from "../exports/csv.ts";
import { eraseSubjectRecords } from "../subjects/erasure.ts";
import { assembleExportPackage, columnsOf, exportProblem, type SystemExport } from "./export-package.ts";
import { issueRequestToken } from "./request-tokens.ts";
import { isUuid, lockRequest, moveRequest, type PrivacyRequest, type RequestCaller } from "./request-workflow.ts";

/** Types the company's systems act on; questions and complaints are answered by privacy staff. */
const SYSTEM_TYPES: readonly RequestType[] = [
  "ACCESS",
  "PORTABILITY",
  "ERASURE",
  "RECTIFICATION",
  "RESTRICTION",
  "OBJECTION",
  "OPT_OUT_OF_SALE",
];
export const EXPORTING_TYPES: readonly RequestType[] = ["ACCESS", "PORTABILITY"];
export const needsSystems = (type: RequestType) => SYSTEM_TYPES.includes(type);

/** How long the download link of an access or portability package works. */
export const EXPORT_LINK_LIFETIME_MS = 7 * 86_400_000;
/** A claimed task not completed within this time is handed to the next app instance that pulls. */
export const CLAIM_TIMEOUT_MS = 15 * 60_000;

type FulfilmentCaller = RequestCaller & { keyPepper: string };

/** One task per registered data system; completes the request at once when the tenant has no systems. */
export async function startFulfilment(tx: TenantTransaction, ctx: FulfilmentCaller, request: PrivacyRequest): Promise<PrivacyRequest> {
  if (!needsSystems(request.type)) return request;
  const systems = await tx.dataSystem.findMany({ select: { id: true } });
  await tx.requestTask.createMany({
    data: systems.map((system) => ({ requestId: request.id, dataSystemId: system.id })),
    skipDuplicates: true,
  });
  return finishIfAllDone(tx, ctx, request.id);
}

/**
 * When every system has confirmed, Custos does its own part and answers: assembles the package for access and
 * portability, erases its own records for erasure, marks the subject restricted for restriction.
 */
export async function finishIfAllDone(tx: TenantTransaction, ctx: FulfilmentCaller, requestId: string): Promise<PrivacyRequest> {
  const request = await lockRequest(tx, ctx.tenantId, requestId);
  if (request.status !== "IN_PROGRESS" || !needsSystems(request.type)) return request;
  const tasks = await tx.requestTask.findMany({ where: { requestId }, include: { dataSystem: { select: { key: true } } } });
  if (tasks.some((task) => task.status !== "DONE")) return request;
  const now = new Date();
  const completionPayload: Prisma.InputJsonObject = {};
  if (EXPORTING_TYPES.includes(request.type)) {
    const exports: SystemExport[] = tasks.map((task) => ({
      system: task.dataSystem.key,
      categories: ((task.result as { data?: SystemExport["categories"] } | null)?.data ?? []) as SystemExport["categories"],
    }));
    const exportPackage = assembleExportPackage(request, exports, now);
    const exportExpiresAt = new Date(now.getTime() + EXPORT_LINK_LIFETIME_MS);
    await tx.privacyRequest.update({
      where: { id: requestId },
      data: { exportPackage: exportPackage as unknown as Prisma.InputJsonObject, exportExpiresAt },
    });
    const token = issueRequestToken(ctx.keyPepper, "request-export", requestId, exportExpiresAt);
    Object.assign(completionPayload, {
      downloadPath: `/exports/requests/${requestId}?token=${token}`,
      downloadExpiresAt: exportExpiresAt.toISOString(),
      files: exportPackage.manifest.files.length,
    });
  }
  if (request.type === "RESTRICTION" && request.subjectId) {
    await tx.dataSubject.update({ where: { id: request.subjectId }, data: { restrictedAt: now } });
  }
  const completed = await moveRequest(tx, ctx, request, "COMPLETED", "system", { payloads: { completion: completionPayload } });
  if (request.type === "ERASURE") await eraseOwnRecords(tx, request, now);
  return completed;
}

/**
 * Custos's own part of an erasure. The subject row is anonymised and consent proof minimised by the shared
 * routine; the person's requests keep type, dates, statuses, verification method and events (proof that the
 * request was answered, GDPR Art. 5(2) and 17(3)(e)) but lose the contact address and free text. The completion
 * notice already queued keeps its recipient in the outbox until it is sent; notices already sent to the address lose
 * recipient and payload (codes, tokens), keeping template and time as the record that they went out.
 */
async function eraseOwnRecords(tx: TenantTransaction, request: PrivacyRequest, now: Date) {
  if (request.contactEmail) {
    // Compared with lower() and =, not Prisma's insensitive equals (ILIKE): `%` or `_` in an address must not match others.
    await tx.$executeRaw`
      UPDATE "OutboxMessage" SET recipient = 'erased', payload = '{}'::jsonb
      WHERE "tenantId" = ${request.tenantId}::uuid AND lower(recipient) = lower(${request.contactEmail}) AND status <> 'PENDING'`;
  }
  if (request.subjectId) {
    await eraseSubjectRecords(tx, request.subjectId, now);
    await tx.privacyRequest.updateMany({ where: { subjectId: request.subjectId }, data: { contactEmail: null, details: null } });
  }
  await tx.privacyRequest.update({ where: { id: request.id }, data: { contactEmail: null, details: null } });
}

/**
 * Hands the caller's data system up to `limit` open tasks, oldest deadline first. The claim is one UPDATE over rows
 * picked with FOR UPDATE SKIP LOCKED, so several instances of an app can pull at once and each task goes to one;
 * a claim older than CLAIM_TIMEOUT_MS is given out again (the instance that held it is presumed gone).
 */
export async function pullTasks(db: TenantScopedPrisma, ctx: RequestCaller, dataSystemId: string, limit: number) {
  const take = Math.min(Math.max(limit, 1), 50);
  const staleBefore = new Date(Date.now() - CLAIM_TIMEOUT_MS);
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "RequestTask" SET status = 'CLAIMED', "claimedAt" = now()
    WHERE id IN (
      SELECT t.id FROM "RequestTask" t JOIN "PrivacyRequest" r ON r.id = t."requestId"
      WHERE r."tenantId" = ${ctx.tenantId}::uuid AND t."dataSystemId" = ${dataSystemId}::uuid AND r.status = 'IN_PROGRESS'
        AND (t.status = 'PENDING' OR (t.status = 'CLAIMED' AND t."claimedAt" < ${staleBefore}))
      ORDER BY r."dueAt", t.id LIMIT ${take}
      FOR UPDATE OF t SKIP LOCKED)
    RETURNING id`;
  await recordAudit(db, ctx, { operation: "pullRequestTasks" });
  return claimed.map((row) => row.id);
}

export interface TaskCompletion {
  taskId: string;
  /** Access and portability: records per data category. */
  data?: unknown;
  /** Erasure, rectification, restriction, objection, opt-out: what was done, in the app's words (no personal data). */
  confirmation?: string | null;
}

export async function completeTask(db: TenantScopedPrisma, ctx: FulfilmentCaller, dataSystemId: string, input: TaskCompletion) {
  if (!isUuid(input.taskId)) throw new CustosError("NOT_FOUND", "There is no such task for your data system.");
  return db.$transaction(async (tx) => {
    const task = await tx.requestTask.findFirst({ where: { id: input.taskId, dataSystemId }, include: { request: true } });
    if (!task) throw new CustosError("NOT_FOUND", "There is no such task for your data system.");
    if (task.status === "DONE" || task.request.status !== "IN_PROGRESS") {
      throw new CustosError("TASK_NOT_OPEN", `This task is ${task.status} and its request ${task.request.status}; it takes no result.`);
    }
    const exporting = EXPORTING_TYPES.includes(task.request.type);
    let result: Prisma.InputJsonObject;
    if (exporting) {
      const problem =
        input.data === undefined ? "an access or portability task needs data (records per category)." : exportProblem(input.data);
      if (problem) throw new CustosError("INVALID_TASK_RESULT", problem);
      const categories = input.data as { category: string; records: Record<string, CsvValue>[] }[];
      result = { data: categories.map(({ category, records }) => ({ category, columns: columnsOf(records), records })) };
    } else {
      if (input.data !== undefined && input.data !== null) {
        throw new CustosError("INVALID_TASK_RESULT", `a ${task.request.type} task takes a confirmation, not data.`);
      }
      result = { confirmation: input.confirmation?.trim() || "done" };
    }
    const updated = await tx.requestTask.updateMany({
      where: { id: task.id, status: { in: ["PENDING", "CLAIMED"] } },
      data: { status: "DONE", completedAt: new Date(), result },
    });
    if (updated.count !== 1) throw new CustosError("TASK_NOT_OPEN", "This task was completed meanwhile.");
    await recordAudit(tx, ctx, { operation: "completeRequestTask", subjectId: task.request.subjectId });
    await finishIfAllDone(tx, ctx, task.requestId);
    return task.id;
  });
}
