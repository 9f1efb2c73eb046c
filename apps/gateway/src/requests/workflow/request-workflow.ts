import type { Prisma, RequestStatus, TenantTransaction } from "@custos/db";
import { actorLabel } from "../../ground/caller.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { lawFor } from "../../laws/registry.ts";
import { noticeContext } from "../../outbox/notice-context.ts";
import type { NoticeTemplate } from "../../outbox/notice-text.ts";
import { enqueueNotices } from "../../outbox/outbox-service.ts";
import { noticeAuthority } from "../competent-authority.ts";
import {
  type ActorKind,
  assertTransition,
  computeDeadlines,
  DEFAULT_COMPANY_POLICY,
  IDENTITY_VERIFICATION,
  type NotificationKind,
  pausesAllowed,
} from "../rules/index.ts";
import { jurisdictionProfile } from "../rules/jurisdictions.ts";
import { applyRule } from "./request-errors.ts";

/** A request row as Prisma returns it. */
export type PrivacyRequest = Prisma.PrivacyRequestGetPayload<{ select: undefined }>;
export type RequestCaller = Pick<Context, "caller" | "tenantId" | "requestId">;

const CLOSED: readonly RequestStatus[] = ["COMPLETED", "REJECTED", "WITHDRAWN"];

export interface MoveOptions {
  reason?: string | null;
  /** A rejection's legal ground, from REFUSAL_GROUNDS: it stands for the reason the workflow asks of a rejection. */
  refusalGround?: string | null;
  note?: string | null;
  /** Extra payload per notice kind, e.g. the code for a verification-code notice. */
  payloads?: Partial<Record<NotificationKind, Prisma.InputJsonObject>>;
}

/** The notice's template name in the outbox: `request.<kind>`. */
export const noticeTemplate = (kind: NotificationKind): NoticeTemplate => `request.${kind}`;

/**
 * One transition: checked by the workflow rules, applied only if nobody moved the request meanwhile, recorded as
 * an event with actor and time, and the notices it calls for queued in the same transaction.
 */
export async function moveRequest(
  tx: TenantTransaction,
  ctx: RequestCaller,
  request: PrivacyRequest,
  to: RequestStatus,
  actor: ActorKind,
  options: MoveOptions = {},
): Promise<PrivacyRequest> {
  const reason = options.reason?.trim() || undefined;
  const { notifications } = applyRule(() =>
    assertTransition({
      type: request.type,
      from: request.status,
      to,
      actor,
      identityVerified: request.verifiedAt !== null,
      ...(reason || options.refusalGround ? { reason: reason ?? options.refusalGround ?? "" } : {}),
    }),
  );
  const closing = CLOSED.includes(to);
  const now = new Date();
  const moved = await tx.privacyRequest.updateMany({
    where: { id: request.id, status: request.status },
    data: {
      status: to,
      closedAt: closing ? now : null,
      ...(to === "REJECTED" ? { rejectionReason: reason ?? null, refusalGround: options.refusalGround ?? null } : {}),
    },
  });
  if (moved.count !== 1)
    throw new CustosError("REQUEST_CHANGED", "The request changed while this was being done; read it again and retry.");
  await tx.requestEvent.create({
    data: {
      requestId: request.id,
      fromStatus: request.status,
      toStatus: to,
      actor: actor === "system" ? "system" : actorLabel(ctx.caller),
      note: [options.refusalGround, reason ?? options.note].filter(Boolean).join(": ") || null,
      occurredAt: now,
    },
  });
  const updated = {
    ...request,
    status: to,
    closedAt: closing ? now : null,
    rejectionReason: to === "REJECTED" ? (reason ?? null) : request.rejectionReason,
    refusalGround: to === "REJECTED" ? (options.refusalGround ?? null) : request.refusalGround,
  };
  await queueNotices(
    tx,
    ctx.tenantId,
    updated,
    notifications.map(({ kind }) => kind),
    options.payloads,
  );
  return updated;
}

export async function queueNotices(
  tx: TenantTransaction,
  tenantId: string,
  request: PrivacyRequest,
  kinds: readonly NotificationKind[],
  payloads: Partial<Record<NotificationKind, Prisma.InputJsonObject>> = {},
) {
  const recipient = request.contactEmail;
  if (!recipient) return;
  const authority = noticeAuthority(request.jurisdiction);
  const { language, controller } = await noticeContext(tx, request.language);
  // The person's days: the zone their jurisdiction's deadlines are counted in.
  const { timeZone } = jurisdictionProfile(request.jurisdiction, DEFAULT_COMPANY_POLICY.otherJurisdictions.timeZone);
  await enqueueNotices(
    tx,
    tenantId,
    kinds.map((kind) => ({
      template: noticeTemplate(kind),
      recipient,
      payload: {
        requestId: request.id,
        requestType: request.type,
        status: request.status,
        law: lawFor(request.jurisdiction).id,
        jurisdiction: request.jurisdiction,
        timeZone,
        receivedAt: request.receivedAt.toISOString(),
        dueAt: request.dueAt.toISOString(),
        verificationRequired: IDENTITY_VERIFICATION[request.type].required,
        // P9: every message says so, and nothing in the flow can ask for one.
        fee: "none",
        noticeLanguage: language,
        controller,
        ...(kind === "rejection" ? { reason: request.rejectionReason, refusalGround: request.refusalGround } : {}),
        ...(kind === "escalation-acknowledgement" || kind === "rejection" || kind === "completion"
          ? { authority: authority ? { ...authority } : null }
          : {}),
        ...(payloads[kind] ?? {}),
      },
    })),
  );
}

/** Opens a pause when the request starts waiting on the person, if its rule lets the clock stop. */
export async function startPause(tx: TenantTransaction, request: PrivacyRequest, reason: string) {
  if (!pausesAllowed(request)) return;
  await tx.requestPause.create({ data: { requestId: request.id, reason, startedAt: new Date() } });
}

/** Closes open pauses and recomputes the deadline in force from every recorded pause. */
export async function endPauses(tx: TenantTransaction, request: PrivacyRequest): Promise<PrivacyRequest> {
  const now = new Date();
  await tx.requestPause.updateMany({ where: { requestId: request.id, endedAt: null }, data: { endedAt: now } });
  if (request.extendedDueAt) return request;
  const pauses = await tx.requestPause.findMany({ where: { requestId: request.id } });
  const deadlines = applyRule(() =>
    computeDeadlines({
      jurisdiction: request.jurisdiction,
      type: request.type,
      directMarketing: request.directMarketing,
      receivedAt: request.receivedAt,
      pauses: pauses.map((pause) => ({ from: pause.startedAt, to: pause.endedAt ?? now })),
    }),
  );
  if (deadlines.dueAt.getTime() === request.dueAt.getTime() && deadlines.provisional === request.deadlineProvisional) return request;
  return tx.privacyRequest.update({
    where: { id: request.id },
    data: { dueAt: deadlines.dueAt, deadlineProvisional: deadlines.provisional },
  });
}

/** Reads a request of the caller's tenant and locks its row until the transaction ends. */
export async function lockRequest(tx: TenantTransaction, tenantId: string, id: string): Promise<PrivacyRequest> {
  if (!isUuid(id)) throw new CustosError("NOT_FOUND", "There is no such request.");
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "PrivacyRequest" WHERE id = ${id}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new CustosError("NOT_FOUND", "There is no such request.");
  return tx.privacyRequest.findUniqueOrThrow({ where: { id } });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
