import { Prisma, type RequestType, type TenantScopedPrisma, type TenantTransaction } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import { CustosError } from "../../ground/errors.ts";
import type { CsvValue } from "../../ground/exports/csv.ts";
import { parseStoredJson } from "../../ground/stored-json.ts";
import { ERASE_WHEN_SENT } from "../../outbox/outbox-service.ts";
import { tellRecipientsOfRequest } from "../../recipients/request-events.ts";
import { eraseSubjectRecords } from "../../subjects/erasure.ts";
import { issueRequestToken } from "../intake/request-tokens.ts";
import { isUuid, lockRequest, moveRequest, type PrivacyRequest, type RequestCaller } from "../workflow/request-workflow.ts";
import {
  assembleExportPackage,
  columnsOf,
  EXPORT_ROUTE_PREFIX,
  exportProblem,
  type SystemExport,
  type TaskResult,
  TaskResultSchema,
} from "./export-package.ts";
import { heldData } from "./legal-holds.ts";
import { custosOwnRecords } from "./own-records.ts";

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

/** The records a task's result holds: none for a confirmation, or for a task with no result. */
const taskData = (result: TaskResult | null) => (result && "data" in result ? result.data : []);

/**
 * One task per registered (not retired) data system. With no system to ask, nothing completes on its own: staff
 * confirm with a reason (`transitionRequest` to COMPLETED), and the person is told what was searched.
 */
export async function startFulfilment(tx: TenantTransaction, ctx: FulfilmentCaller, request: PrivacyRequest): Promise<PrivacyRequest> {
  if (!needsSystems(request.type)) return request;
  const systems = await tx.dataSystem.findMany({ where: { retiredAt: null }, select: { id: true } });
  await tx.requestTask.createMany({
    data: systems.map((system) => ({ requestId: request.id, dataSystemId: system.id })),
    skipDuplicates: true,
  });
  return finishIfAllDone(tx, ctx, request.id);
}

/** When every system has confirmed, Custos does its own part and answers the person. */
export async function finishIfAllDone(tx: TenantTransaction, ctx: FulfilmentCaller, requestId: string): Promise<PrivacyRequest> {
  const request = await lockRequest(tx, ctx.tenantId, requestId);
  if (request.status !== "IN_PROGRESS" || !needsSystems(request.type)) return request;
  const tasks = await tx.requestTask.count({ where: { requestId } });
  const open = await tx.requestTask.count({ where: { requestId, status: { not: "DONE" } } });
  if (tasks === 0 || open > 0) return request;
  return completeRequest(tx, ctx, request, null);
}

/**
 * An objection to direct marketing is acted on at once (GDPR Art. 21(3), 152-FZ Art. 15(2)): marketing stopped (the
 * customer's marketing consent withdrawn in the ledger, or the address put on the suppression list, which apps check
 * before marketing), nothing is left for the systems, so the request is completed and the person told, the same moment.
 */
export async function completeMarketingObjection(
  tx: TenantTransaction,
  ctx: FulfilmentCaller,
  request: PrivacyRequest,
  stopped: "ACCOUNT" | "ADDRESS",
): Promise<PrivacyRequest> {
  return moveRequest(tx, ctx, request, "COMPLETED", "system", {
    note:
      stopped === "ACCOUNT"
        ? "direct marketing stopped at once: marketing consent withdrawn"
        : "direct marketing to the request's address stopped at once",
    payloads: { completion: { searched: [], marketingStopped: stopped } },
  });
}

/**
 * Staff complete a request no system was asked about (none was registered when it started): they must say why
 * that is a complete answer, and the person is told that only Custos's own records were searched.
 */
export async function confirmWithoutSystems(tx: TenantTransaction, ctx: FulfilmentCaller, request: PrivacyRequest, reason: string | null) {
  const open = await tx.requestTask.count({ where: { requestId: request.id, status: { not: "DONE" } } });
  if (open > 0) throw new CustosError("TASKS_PENDING", `${open} system task(s) are not done; the request completes when they are.`);
  if (!reason?.trim()) {
    throw new CustosError("REASON_REQUIRED", "No data system was asked about this request; say why it is answered without them.");
  }
  return completeRequest(tx, ctx, request, reason.trim());
}

/**
 * Custos's own part, then the answer: the package for access and portability (the systems' records and Custos's
 * own), its own records erased for erasure (except what a legal hold keeps), the subject marked restricted for
 * restriction. The completion notice names the systems searched and what was kept, and why; the webhook recipients
 * are told of an erasure, rectification or restriction (recipients/request-events.ts).
 */
async function completeRequest(tx: TenantTransaction, ctx: FulfilmentCaller, request: PrivacyRequest, staffReason: string | null) {
  const tasks = await tx.requestTask.findMany({
    where: { requestId: request.id },
    include: { dataSystem: { select: { key: true } } },
    orderBy: { id: "asc" },
  });
  const now = new Date();
  const searched = [...new Set(tasks.map((task) => task.dataSystem.key))].sort();
  const held = request.type === "ERASURE" ? await heldData(tx, request.subjectId, now) : null;
  const completionPayload: Prisma.InputJsonObject = {
    searched,
    ...(staffReason ? { answeredWithoutSystems: staffReason } : {}),
    ...(held ? { kept: held.holds.map((hold) => ({ ...hold })) } : {}),
  };
  if (EXPORTING_TYPES.includes(request.type)) {
    const exports: SystemExport[] = tasks.map((task) => ({
      system: task.dataSystem.key,
      categories: taskData(parseStoredJson(TaskResultSchema.nullable(), task.result, "RequestTask.result")),
    }));
    exports.push(await custosOwnRecords(tx, request, now));
    const exportPackage = assembleExportPackage(request, exports, now);
    const exportExpiresAt = new Date(now.getTime() + EXPORT_LINK_LIFETIME_MS);
    await tx.privacyRequest.update({
      where: { id: request.id },
      data: { exportPackage, exportExpiresAt },
    });
    // The package now holds the records: the tasks keep only how many each system sent, not a second copy.
    for (const [index, task] of tasks.entries()) {
      const exportedRecords = (exports[index]?.categories ?? []).reduce((sum, category) => sum + category.records.length, 0);
      await tx.requestTask.update({ where: { id: task.id }, data: { result: { exportedRecords } } });
    }
    const token = issueRequestToken(ctx.keyPepper, "request-export", request.id, exportExpiresAt);
    Object.assign(completionPayload, {
      downloadPath: `${EXPORT_ROUTE_PREFIX}${request.id}?token=${token}`,
      downloadExpiresAt: exportExpiresAt.toISOString(),
      files: exportPackage.manifest.files.length,
    });
  }
  if (request.type === "RESTRICTION" && request.subjectId) {
    await tx.dataSubject.update({ where: { id: request.subjectId }, data: { restrictedAt: now } });
  }
  const completed = await moveRequest(tx, ctx, request, "COMPLETED", staffReason ? "staff" : "system", {
    note: staffReason ? `answered without data systems: ${staffReason}` : `searched: ${searched.join(", ")}`,
    payloads: { completion: completionPayload },
  });
  // Before the erasure below replaces the app's subject id the recipients need.
  await tellRecipientsOfRequest(tx, request, now);
  if (request.type === "ERASURE") await eraseOwnRecords(tx, request, now, held?.keep ?? new Set());
  return completed;
}

/**
 * Custos's own part of an erasure. The subject row is anonymised and consent proof minimised by the shared
 * routine; the person's requests (the subject's, and those made from their addresses without an account) keep type,
 * dates, statuses, verification method and system events (proof that the request was answered, GDPR Art. 5(2) and
 * 17(3)(e)) but lose every copy of what was about the person: contact address, language, free text (details, reasons,
 * the notes people and staff wrote), the document check's reference, the access packages and the records the systems
 * posted, and the e-mailed codes. Notices already sent to any of the person's addresses lose recipient and payload
 * (codes, tokens, links), keeping template and time as the record that they went out; notices still waiting (this
 * erasure's completion notice) are sent to the address once, then lose them the same way (cross-tenant/outbox-dispatch.ts).
 * Data under a legal hold (Art. 17(3)(e)) stays: `identity` keeps the subject row and addresses, `usage` the proof;
 * packages and posted records are copies of what the systems keep, so they go whatever the hold.
 */
async function eraseOwnRecords(tx: TenantTransaction, request: PrivacyRequest, now: Date, keep: ReadonlySet<string>) {
  const subject = request.subjectId
    ? await tx.dataSubject.findUnique({ where: { id: request.subjectId }, select: { contactEmail: true } })
    : null;
  const own = request.subjectId
    ? await tx.privacyRequest.findMany({ where: { subjectId: request.subjectId }, select: { contactEmail: true } })
    : [];
  const addresses = [
    ...new Set(
      [request.contactEmail, subject?.contactEmail, ...own.map((row) => row.contactEmail)].flatMap((a) => (a ? [a.toLowerCase()] : [])),
    ),
  ];
  // Compared with lower() and =, not Prisma's insensitive equals (ILIKE): `%` or `_` in an address must not match others.
  const requests = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "PrivacyRequest"
    WHERE "tenantId" = ${request.tenantId}::uuid AND (id = ${request.id}::uuid OR "subjectId" = ${request.subjectId}::uuid
      OR ("subjectId" IS NULL AND lower("contactEmail") = ANY(${addresses}::text[])))`;
  const ids = requests.map((row) => row.id);
  await tx.privacyRequest.updateMany({ where: { id: { in: ids } }, data: { exportPackage: Prisma.DbNull } });
  await tx.requestTask.updateMany({
    where: { requestId: { in: ids }, request: { type: { in: [...EXPORTING_TYPES] } } },
    data: { result: Prisma.DbNull },
  });
  if (keep.has("identity")) return;
  await tx.privacyRequest.updateMany({
    where: { id: { in: ids } },
    data: {
      contactEmail: null,
      language: null,
      details: null,
      rejectionReason: null,
      answer: null,
      extensionReason: null,
      verificationReference: null,
      senderKey: null,
    },
  });
  await tx.requestEvent.updateMany({ where: { requestId: { in: ids }, actor: { not: "system" } }, data: { note: null } });
  await tx.requestVerificationCode.deleteMany({ where: { requestId: { in: ids } } });
  if (addresses.length > 0) {
    await tx.$executeRaw`
      UPDATE "OutboxMessage" SET recipient = 'erased', payload = '{}'::jsonb
      WHERE "tenantId" = ${request.tenantId}::uuid AND lower(recipient) = ANY(${addresses}::text[]) AND status IN ('SENT', 'FAILED')`;
    await tx.$executeRaw`
      UPDATE "OutboxMessage" SET payload = payload || ${JSON.stringify({ [ERASE_WHEN_SENT]: true })}::jsonb
      WHERE "tenantId" = ${request.tenantId}::uuid AND lower(recipient) = ANY(${addresses}::text[]) AND status IN ('PENDING', 'QUEUED')`;
  }
  if (request.subjectId) await eraseSubjectRecords(tx, request.subjectId, now, { keepProof: keep.has("usage") });
}

/**
 * Hands the caller's data system up to `limit` open tasks, oldest deadline first. The claim is one UPDATE over rows
 * picked with FOR UPDATE SKIP LOCKED, so several instances of an app can pull at once and each task goes to one;
 * a claim older than CLAIM_TIMEOUT_MS is given out again (the instance that held it is presumed gone).
 */
export async function pullTasks(db: TenantScopedPrisma, ctx: RequestCaller, dataSystemId: string, limit: number) {
  const take = Math.min(Math.max(limit, 1), 50);
  // One clock for the stamp and the timeout, the gateway's, as Prisma stamps its defaults: a stamp from the database's
  // clock judged by the gateway's gave a claimed task to a second instance whenever the two clocks were far apart.
  const now = new Date();
  const staleBefore = new Date(now.getTime() - CLAIM_TIMEOUT_MS);
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "RequestTask" SET status = 'CLAIMED', "claimedAt" = ${now}
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
    let result: TaskResult;
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
