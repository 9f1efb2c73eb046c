import type { RequestStatus, RequestType, TenantScopedPrisma, TenantTransaction, VerificationMethod } from "@custos/db";
import { recordAudit } from "../../audit/audit-service.ts";
import { recordConsentDecisionIn } from "../../consent/record/consent-service.ts";
import { suppressMarketingTo } from "../../consent/unsubscribe/address-suppression.ts";
import { actorLabel } from "../../ground/caller.ts";
import type { Context } from "../../ground/context.ts";
import { CustosError } from "../../ground/errors.ts";
import { tellRecipientsOfLift } from "../../recipients/request-events.ts";
import { parseEmail, parseLanguage } from "../../subjects/contact-service.ts";
import { maskEmail } from "../../subjects/mask-email.ts";
import { completeMarketingObjection, confirmWithoutSystems, needsSystems, startFulfilment } from "../fulfilment/fulfilment.ts";
import { computeDeadlines, IDENTITY_VERIFICATION, REQUEST_TYPES } from "../rules/index.ts";
import { checkRefusalGround, type RefusalGround } from "../workflow/refusal-grounds.ts";
import { applyRule } from "../workflow/request-errors.ts";
import {
  endPauses,
  lockRequest,
  moveRequest,
  type PrivacyRequest,
  queueNotices,
  type RequestCaller,
  startPause,
} from "../workflow/request-workflow.ts";
import { plainAddress, refuseMailFlood, requestsToMailbox, UNPROVEN_REQUESTS_PER_MAILBOX } from "./contact-address.ts";
import { issueRequestToken, readRequestToken } from "./request-tokens.ts";
import { senderKeyOf } from "./sender-key.ts";
import {
  CODE_LIFETIME_MS,
  CODE_MAX_ATTEMPTS,
  CODES_PER_REQUEST,
  codeMatches,
  issueCode,
  UNVERIFIED_REQUESTS_PER_ADDRESS,
} from "./verification-code.ts";

type ServiceCaller = RequestCaller & Pick<Context, "keyPepper" | "clientAddress">;

export interface SubmitRequestInput {
  type: RequestType;
  jurisdiction: string;
  /** Where notices go when the request names no account with a registered address; ignored when it does. */
  contactEmail?: string | null;
  /** The id the company's apps know the person by; a shopper session supplies its own. */
  subjectId?: string | null;
  details?: string | null;
  /** For an objection: it includes direct marketing, so marketing consent is withdrawn at once. */
  directMarketing?: boolean | null;
  /** BCP 47 tag of the language the person wrote in; notices use it. */
  language?: string | null;
}

/** Whether the request is about a customer's account, or only about what is held under the verified address. */
export type RequestConcerns = "ACCOUNT" | "ADDRESS";

const MAX_DETAILS = 5000;

export const trackingTokenFor = (ctx: ServiceCaller, requestId: string) => issueRequestToken(ctx.keyPepper, "request-tracking", requestId);

/**
 * Who the request is about and where its code and notices go, decided before anything is written. Never the typed
 * address for a known account: the code goes to the address the account system registered, so it proves the person
 * controls the account's contact. A shopper session or a staff recording may name an account without one (identity
 * then comes from the session, or from a document check); anyone else naming such an account, or an unknown one,
 * makes a request about the typed address only, and the apps search by that address.
 */
async function addressingFor(tx: TenantTransaction, ctx: ServiceCaller, named: string | null, typed: string | null, trusted: boolean) {
  let subject = named ? await tx.dataSubject.findFirst({ where: { externalId: named } }) : null;
  if (!subject && named && trusted) {
    await tx.dataSubject.createMany({ data: [{ tenantId: ctx.tenantId, externalId: named }], skipDuplicates: true });
    subject = await tx.dataSubject.findFirstOrThrow({ where: { externalId: named } });
  }
  const registered = subject?.contactEmail ?? null;
  if (subject && (registered || trusted)) {
    const contactEmail = registered ?? typed;
    if (!contactEmail)
      throw new CustosError("INVALID_REQUEST", "contactEmail is needed: the account has no registered address for notices.");
    return { subjectId: subject.id, contactEmail, concerns: "ACCOUNT" as const, language: subject.language };
  }
  if (!typed) throw new CustosError("INVALID_REQUEST", "contactEmail must be an e-mail address; notices go there.");
  return { subjectId: null, contactEmail: typed, concerns: "ADDRESS" as const, language: null };
}

/**
 * Records a request and moves it as far as it can go on its own: verified and into the systems at once for a
 * signed-in shopper, waiting for the e-mailed code (or a document check) otherwise, straight into work when no
 * proof is needed.
 */
export async function submitRequest(db: TenantScopedPrisma, ctx: ServiceCaller, input: SubmitRequestInput) {
  const typed = input.contactEmail?.trim() ? plainAddress(parseEmail(input.contactEmail, "contactEmail")) : null;
  if ((input.details?.length ?? 0) > MAX_DETAILS)
    throw new CustosError("INVALID_REQUEST", `details may hold at most ${MAX_DETAILS} characters.`);
  if (input.directMarketing && input.type !== "OBJECTION") {
    throw new CustosError("INVALID_REQUEST", "directMarketing applies to an OBJECTION only.");
  }
  const language = parseLanguage(input.language);
  const session = ctx.caller.kind === "shopper" ? ctx.caller.subjectExternalId : null;
  if (session && input.subjectId && input.subjectId !== session) {
    throw new CustosError("FORBIDDEN", "A shopper session can submit requests about its own shopper only.");
  }
  const externalId = session ?? input.subjectId ?? null;
  const receivedAt = new Date();
  const deadlines = applyRule(() =>
    computeDeadlines({
      jurisdiction: input.jurisdiction,
      type: input.type,
      directMarketing: input.directMarketing ?? false,
      receivedAt,
    }),
  );

  const dayAgo = new Date(receivedAt.getTime() - 86_400_000);
  let addressing: Awaited<ReturnType<typeof addressingFor>> | undefined;
  // An objection withdraws a customer's marketing only when it is about that customer: from their session, from staff,
  // or (below) once the code sent to the account's registered address is confirmed. Anyone else's concerns the typed
  // address only, as other request types do.
  const trusted = session !== null || ctx.caller.kind === "staff";
  const sender = senderKeyOf(ctx);
  const request = await db.$transaction(async (tx) => {
    // An objection to direct marketing is absolute: the withdrawal is recorded with the request, first, so it takes
    // the ledger lock before the subject row (the order every ledger write takes them in); a refused request records neither.
    if (input.directMarketing && externalId && trusted) await withdrawMarketing(tx, ctx, externalId, input.jurisdiction);
    addressing = await addressingFor(tx, ctx, externalId, typed, trusted);
    const { subjectId, contactEmail } = addressing;
    if (sender !== null) {
      await refuseMailFlood(tx, ctx.tenantId, contactEmail, sender, dayAgo);
      if (!IDENTITY_VERIFICATION[input.type].required) {
        const sent = await requestsToMailbox(tx, ctx.tenantId, contactEmail, { types: UNPROVEN_TYPES, since: dayAgo, sender });
        if (sent >= UNPROVEN_REQUESTS_PER_MAILBOX) {
          throw new CustosError("RATE_LIMITED", "Too many requests to this address today; try again tomorrow, or sign in first.");
        }
      }
    }
    const created = await tx.privacyRequest.create({
      data: {
        tenantId: ctx.tenantId,
        subjectId,
        type: input.type,
        jurisdiction: input.jurisdiction,
        contactEmail,
        language: language ?? addressing.language,
        details: input.details?.trim() || null,
        directMarketing: input.directMarketing ?? false,
        senderKey: sender,
        receivedAt,
        dueAt: deadlines.dueAt,
        initialDueAt: deadlines.dueAt,
        acknowledgeBy: deadlines.acknowledgeBy ?? null,
        extensionNoticeBy: deadlines.extensionNoticeBy ?? null,
        deadlineRule: deadlines.rule.id,
        deadlineProvisional: deadlines.provisional,
      },
    });
    await tx.requestEvent.create({
      data: { requestId: created.id, toStatus: "RECEIVED", actor: actorLabel(ctx.caller), occurredAt: receivedAt },
    });
    await queueNotices(tx, ctx.tenantId, created, ["acknowledgement"], {
      acknowledgement: { trackingToken: trackingTokenFor(ctx, created.id), acknowledgeBy: deadlines.acknowledgeBy?.toISOString() ?? null },
    });
    await recordAudit(tx, ctx, { operation: "submitRequest", subjectId });

    // An objection to a customer's direct marketing by someone unproven: the code to the account's address proves it.
    if (input.directMarketing && !trusted && addressing.concerns === "ACCOUNT") return askForCode(tx, ctx, created, "wait");
    // Any other objection to direct marketing is acted on now: the customer's consent was withdrawn above, or it
    // concerns the typed address alone, which goes on the suppression list.
    if (input.directMarketing) {
      if (addressing.concerns === "ADDRESS") await suppressMarketingTo(tx, ctx.tenantId, ctx.keyPepper, contactEmail, created.id);
      const started = await moveRequest(tx, ctx, created, "IN_PROGRESS", "system");
      return completeMarketingObjection(tx, ctx, started, addressing.concerns);
    }
    if (!IDENTITY_VERIFICATION[input.type].required) {
      const started = await moveRequest(tx, ctx, created, "IN_PROGRESS", "system");
      return startFulfilment(tx, ctx, started);
    }
    if (session) {
      return markVerified(tx, ctx, created, { method: "SHOPPER_SESSION", verifiedBy: "shopper-session" }, "RECEIVED");
    }
    const recent = await requestsToMailbox(tx, ctx.tenantId, contactEmail, {
      types: VERIFIED_TYPES,
      since: dayAgo,
      sender,
      unverifiedOnly: true,
    });
    if (recent > UNVERIFIED_REQUESTS_PER_ADDRESS) {
      throw new CustosError("RATE_LIMITED", "Too many unverified requests for this address today; verify one, or try again tomorrow.");
    }
    return askForCode(tx, ctx, created, "wait");
  });
  const codeSent = request.status === "AWAITING_VERIFICATION" && (await codeProvesIdentity(db, request));
  return {
    request,
    trackingToken: trackingTokenFor(ctx, request.id),
    concerns: addressing?.concerns ?? "ADDRESS",
    verificationSentTo: codeSent && request.contactEmail ? maskEmail(request.contactEmail) : null,
  };
}

/** An objection to direct marketing, through the consent ledger: the person contacted the company (P7). */
async function withdrawMarketing(tx: TenantTransaction, ctx: ServiceCaller, externalId: string, jurisdiction: string) {
  await recordConsentDecisionIn(tx, ctx, {
    subjectId: externalId,
    purposeKey: "marketing",
    decision: "WITHDRAWN",
    channel: "SUPPORT_AGENT",
    jurisdiction,
    expiresAt: null,
    policyVersionId: null,
    proof: null,
    gpc: null,
    tcString: null,
    gppString: null,
    idempotencyKey: null,
  });
}

/**
 * An e-mailed code proves identity only when it went to the address the account registered (for a request about
 * an account) or to the address the request is about (for one about an address).
 */
async function codeProvesIdentity(db: Pick<TenantTransaction, "dataSubject">, request: PrivacyRequest): Promise<boolean> {
  if (!request.contactEmail) return false;
  if (!request.subjectId) return true;
  const subject = await db.dataSubject.findUnique({ where: { id: request.subjectId }, select: { contactEmail: true } });
  return subject?.contactEmail?.toLowerCase() === request.contactEmail.toLowerCase();
}

const VERIFIED_TYPES = REQUEST_TYPES.filter((type) => IDENTITY_VERIFICATION[type].required);
const UNPROVEN_TYPES = REQUEST_TYPES.filter((type) => !IDENTITY_VERIFICATION[type].required);

/**
 * Moves the request to AWAITING_VERIFICATION (or keeps it there), voids older codes and e-mails a fresh one. When a
 * code could not prove identity (the account has no registered address, or another one now), no code is sent:
 * `wait` leaves the request waiting for a document check, `refuse` says so.
 */
async function askForCode(
  tx: TenantTransaction,
  ctx: ServiceCaller,
  request: PrivacyRequest,
  unprovable: "wait" | "refuse",
): Promise<PrivacyRequest> {
  if (!(await codeProvesIdentity(tx, request))) {
    if (unprovable === "refuse" || request.status === "AWAITING_VERIFICATION") throw identityMismatch();
    const waiting = await moveRequest(tx, ctx, request, "AWAITING_VERIFICATION", request.status === "RECEIVED" ? "system" : "staff", {
      note: "waiting for a document check: the account has no registered address a code could prove",
    });
    await startPause(tx, waiting, "waiting for proof of identity");
    return waiting;
  }
  if ((await tx.requestVerificationCode.count({ where: { requestId: request.id } })) >= CODES_PER_REQUEST) {
    throw new CustosError(
      "VERIFICATION_LOCKED",
      "This request was sent all the codes it may get; privacy staff will check identity documents instead.",
    );
  }
  const issued = issueCode();
  await tx.requestVerificationCode.updateMany({ where: { requestId: request.id, consumedAt: null }, data: { consumedAt: new Date() } });
  await tx.requestVerificationCode.create({
    data: { requestId: request.id, salt: issued.salt, codeHash: issued.codeHash, expiresAt: new Date(Date.now() + CODE_LIFETIME_MS) },
  });
  const payload = { code: issued.code, expiresInMinutes: CODE_LIFETIME_MS / 60_000 };
  if (request.status === "AWAITING_VERIFICATION") {
    await queueNotices(tx, ctx.tenantId, request, ["verification-code"], { "verification-code": payload });
    return request;
  }
  const waiting = await moveRequest(tx, ctx, request, "AWAITING_VERIFICATION", request.status === "RECEIVED" ? "system" : "staff", {
    payloads: { "verification-code": payload },
  });
  await startPause(tx, waiting, "waiting for proof of identity");
  return waiting;
}

interface Verification {
  method: VerificationMethod;
  verifiedBy: string;
  provider?: string;
  reference?: string;
}

/** Records how identity was proven and by whom, then starts the work. */
async function markVerified(
  tx: TenantTransaction,
  ctx: ServiceCaller,
  request: PrivacyRequest,
  verification: Verification,
  from: RequestStatus,
): Promise<PrivacyRequest> {
  if (request.status !== from)
    throw new CustosError("REQUEST_CHANGED", "The request changed while this was being done; read it again and retry.");
  const verifiedAt = new Date();
  await tx.requestVerificationCode.updateMany({ where: { requestId: request.id, consumedAt: null }, data: { consumedAt: verifiedAt } });
  const recorded = await tx.privacyRequest.update({
    where: { id: request.id },
    data: {
      verificationMethod: verification.method,
      verifiedBy: verification.verifiedBy,
      verificationProvider: verification.provider ?? null,
      verificationReference: verification.reference ?? null,
      verifiedAt,
    },
  });
  // An objection to a customer's direct marketing, now shown to be theirs (a session withdrew it on submission).
  const marketingObjection = request.type === "OBJECTION" && request.directMarketing && request.subjectId !== null;
  if (marketingObjection && request.subjectId && verification.method !== "SHOPPER_SESSION") {
    const subject = await tx.dataSubject.findUniqueOrThrow({ where: { id: request.subjectId }, select: { externalId: true } });
    await withdrawMarketing(tx, ctx, subject.externalId, request.jurisdiction);
  }
  const resumed = await endPauses(tx, recorded);
  const verified = await moveRequest(tx, ctx, resumed, "VERIFIED", "system", { note: `identity verified: ${verification.method}` });
  const started = await moveRequest(tx, ctx, verified, "IN_PROGRESS", "system");
  if (marketingObjection) return completeMarketingObjection(tx, ctx, started, "ACCOUNT");
  return startFulfilment(tx, ctx, started);
}

const identityMismatch = () =>
  new CustosError(
    "IDENTITY_MISMATCH",
    "A code to this address cannot prove identity: the account has no registered address, or another one; privacy staff will check identity documents instead.",
  );

/** The request a tracking token names, in the caller's tenant. */
export async function requestByToken(db: TenantScopedPrisma, ctx: ServiceCaller, token: string): Promise<PrivacyRequest> {
  const id = readRequestToken(ctx.keyPepper, "request-tracking", token);
  const request = id ? await db.privacyRequest.findUnique({ where: { id } }) : null;
  if (!request) throw new CustosError("NOT_FOUND", "No request matches this token.");
  return request;
}

export async function requestStatus(db: TenantScopedPrisma, ctx: ServiceCaller, token: string) {
  const request = await requestByToken(db, ctx, token);
  await recordAudit(db, ctx, { operation: "requestStatus", subjectId: request.subjectId });
  return request;
}

/**
 * Checks an e-mailed code. A wrong attempt is counted even though the call fails, and the code is void after
 * CODE_MAX_ATTEMPTS; a new one can be asked for with resendRequestCode.
 */
export async function verifyWithCode(db: TenantScopedPrisma, ctx: ServiceCaller, token: string, code: string) {
  const request = await requestByToken(db, ctx, token);
  if (request.status !== "AWAITING_VERIFICATION") {
    throw new CustosError("ILLEGAL_TRANSITION", `This request is ${request.status}; it is not waiting for a code.`);
  }
  const now = new Date();
  const current = await db.requestVerificationCode.findFirst({
    where: { requestId: request.id, consumedAt: null, expiresAt: { gt: now }, attempts: { lt: CODE_MAX_ATTEMPTS } },
    orderBy: { createdAt: "desc" },
  });
  if (!current) throw new CustosError("VERIFICATION_CODE_EXPIRED", "There is no valid code for this request; ask for a new one.");
  const counted = await db.requestVerificationCode.updateMany({
    where: { id: current.id, consumedAt: null, attempts: current.attempts },
    data: { attempts: { increment: 1 }, ...(current.attempts + 1 >= CODE_MAX_ATTEMPTS ? { consumedAt: now } : {}) },
  });
  if (counted.count !== 1 || !codeMatches(code, current.salt, current.codeHash)) {
    await recordAudit(db, ctx, { operation: "verifyRequest", subjectId: request.subjectId });
    const left = counted.count === 1 ? CODE_MAX_ATTEMPTS - current.attempts - 1 : 0;
    throw new CustosError(
      "VERIFICATION_FAILED",
      left > 0 ? `The code is not right; ${left} attempt(s) left.` : "The code is not right and is now void; ask for a new one.",
    );
  }
  // The account's registered address may have changed since the code went out: the code no longer proves anything.
  if (!(await codeProvesIdentity(db, request))) throw identityMismatch();
  return db.$transaction(async (tx) => {
    const locked = await lockRequest(tx, ctx.tenantId, request.id);
    await tx.requestVerificationCode.update({ where: { id: current.id }, data: { consumedAt: now } });
    const done = await markVerified(tx, ctx, locked, { method: "EMAIL_CODE", verifiedBy: "subject:email-code" }, "AWAITING_VERIFICATION");
    await recordAudit(tx, ctx, { operation: "verifyRequest", subjectId: request.subjectId });
    return done;
  });
}

export async function resendCode(db: TenantScopedPrisma, ctx: ServiceCaller, token: string) {
  const request = await requestByToken(db, ctx, token);
  return db.$transaction(async (tx) => {
    const locked = await lockRequest(tx, ctx.tenantId, request.id);
    if (locked.status !== "AWAITING_VERIFICATION") {
      throw new CustosError("ILLEGAL_TRANSITION", `This request is ${locked.status}; it is not waiting for a code.`);
    }
    if (locked.senderKey !== null && locked.contactEmail !== null) {
      await refuseMailFlood(tx, ctx.tenantId, locked.contactEmail, locked.senderKey, new Date(Date.now() - 86_400_000));
    }
    await recordAudit(tx, ctx, { operation: "resendRequestCode", subjectId: locked.subjectId });
    return askForCode(tx, ctx, locked, "refuse");
  });
}

/** The person's own moves: withdraw, or escalate an answer they are unhappy with (P11). */
export async function subjectMove(
  db: TenantScopedPrisma,
  ctx: ServiceCaller,
  token: string,
  to: "WITHDRAWN" | "ESCALATED",
  operation: string,
  note?: string | null,
) {
  const request = await requestByToken(db, ctx, token);
  return db.$transaction(async (tx) => {
    const locked = await lockRequest(tx, ctx.tenantId, request.id);
    await endPauses(tx, locked);
    const moved = await moveRequest(tx, ctx, locked, to, "subject", { note: note?.trim().slice(0, MAX_DETAILS) || null });
    await recordAudit(tx, ctx, { operation, subjectId: locked.subjectId });
    return moved;
  });
}

/** Questions and complaints (P4) are answered by staff; the other types by the data systems' work. */
const ANSWERED_TYPES: readonly RequestType[] = ["QUESTION", "COMPLAINT"];
const MAX_ANSWER = 20_000;

/**
 * A staff transition. A rejection needs its legal ground from the list for the request's law (the notice cites it);
 * staff's reason only adds to it. A question or complaint is completed by answering it (answerRequest), not here.
 */
export async function staffTransition(
  db: TenantScopedPrisma,
  ctx: ServiceCaller,
  input: { id: string; to: RequestStatus; reason?: string | null; refusalGround?: RefusalGround | null },
) {
  return db.$transaction(async (tx) => {
    const locked = await lockRequest(tx, ctx.tenantId, input.id);
    await recordAudit(tx, ctx, { operation: "transitionRequest", subjectId: locked.subjectId });
    if (input.to === "REJECTED") checkRefusalGround(locked.jurisdiction, input.refusalGround, input.reason?.trim() || undefined);
    else if (input.refusalGround) throw new CustosError("INVALID_REQUEST", "refusalGround goes with a move to REJECTED only.");
    if (input.to === "COMPLETED" && ANSWERED_TYPES.includes(locked.type)) {
      throw new CustosError(
        "REASON_REQUIRED",
        `A ${locked.type} is completed by answering it: answerRequest sends the answer to the person.`,
      );
    }
    if (input.to === "AWAITING_VERIFICATION") {
      const unverified = await tx.privacyRequest.update({
        where: { id: locked.id },
        data: { verificationMethod: null, verifiedBy: null, verifiedAt: null, verificationProvider: null, verificationReference: null },
      });
      return askForCode(tx, ctx, unverified, "wait");
    }
    if (input.to === "COMPLETED" && locked.status === "IN_PROGRESS" && needsSystems(locked.type)) {
      return confirmWithoutSystems(tx, ctx, locked, input.reason ?? null);
    }
    if (["REJECTED", "WITHDRAWN"].includes(input.to)) await endPauses(tx, locked);
    const moved = await moveRequest(tx, ctx, locked, input.to, "staff", {
      reason: input.reason ?? null,
      refusalGround: input.to === "REJECTED" ? input.refusalGround : null,
    });
    if (input.to === "IN_PROGRESS" && locked.status === "VERIFIED") return startFulfilment(tx, ctx, moved);
    return moved;
  });
}

/**
 * Staff answer a question or complaint (P4): the answer is kept with the request and sent to the person as the
 * completion notice, in the same transaction. An escalated one is answered again the same way.
 */
export async function answerRequest(db: TenantScopedPrisma, ctx: ServiceCaller, input: { id: string; answer: string }) {
  const answer = input.answer.trim();
  if (!answer) throw new CustosError("REASON_REQUIRED", "An answer needs its text; it is sent to the person.");
  if (answer.length > MAX_ANSWER) throw new CustosError("INVALID_REQUEST", `An answer may hold at most ${MAX_ANSWER} characters.`);
  return db.$transaction(async (tx) => {
    const locked = await lockRequest(tx, ctx.tenantId, input.id);
    if (!ANSWERED_TYPES.includes(locked.type)) {
      throw new CustosError("INVALID_REQUEST", `A ${locked.type} request is answered by carrying it out, not with text.`);
    }
    await recordAudit(tx, ctx, { operation: "answerRequest", subjectId: locked.subjectId });
    const moved = await moveRequest(tx, ctx, locked, "COMPLETED", "staff", {
      note: "answered",
      payloads: { completion: { answer } },
    });
    await tx.privacyRequest.update({ where: { id: locked.id }, data: { answer } });
    return { ...moved, answer };
  });
}

/** Staff record a third-party identity-document check: who checked and their reference. */
export async function verifyByDocuments(
  db: TenantScopedPrisma,
  ctx: ServiceCaller,
  input: { id: string; provider: string; reference: string },
) {
  const provider = input.provider.trim();
  const reference = input.reference.trim();
  if (!provider || !reference) throw new CustosError("INVALID_REQUEST", "A document check needs the provider and its reference.");
  return db.$transaction(async (tx) => {
    const locked = await lockRequest(tx, ctx.tenantId, input.id);
    if (locked.status !== "AWAITING_VERIFICATION") {
      throw new CustosError(
        "ILLEGAL_TRANSITION",
        `This request is ${locked.status}; identity is checked while it is AWAITING_VERIFICATION.`,
      );
    }
    await recordAudit(tx, ctx, { operation: "verifyRequestIdentity", subjectId: locked.subjectId });
    return markVerified(
      tx,
      ctx,
      locked,
      { method: "DOCUMENT_CHECK", verifiedBy: actorLabel(ctx.caller), provider, reference },
      "AWAITING_VERIFICATION",
    );
  });
}

/** Extends the deadline where the law allows, with the reasons, and queues the notice to the person. */
export async function extendDeadline(db: TenantScopedPrisma, ctx: ServiceCaller, input: { id: string; reason: string }) {
  return db.$transaction(async (tx) => {
    const locked = await lockRequest(tx, ctx.tenantId, input.id);
    if (locked.closedAt) throw new CustosError("ILLEGAL_TRANSITION", `This request is ${locked.status}; its deadline no longer runs.`);
    if (locked.extendedDueAt) throw new CustosError("EXTENSION_NOT_ALLOWED", "The deadline was already extended once.");
    const now = new Date();
    const pauses = await tx.requestPause.findMany({ where: { requestId: locked.id } });
    const deadlines = applyRule(() =>
      computeDeadlines({
        jurisdiction: locked.jurisdiction,
        type: locked.type,
        directMarketing: locked.directMarketing,
        receivedAt: locked.receivedAt,
        pauses: pauses.map((pause) => ({ from: pause.startedAt, to: pause.endedAt ?? now })),
        extension: { reason: input.reason, requestedAt: now },
      }),
    );
    const extendedDueAt = deadlines.extendedDueAt as Date;
    const extended = await tx.privacyRequest.update({
      where: { id: locked.id },
      data: { extendedDueAt, dueAt: extendedDueAt, extensionReason: input.reason.trim(), deadlineProvisional: deadlines.provisional },
    });
    await tx.requestEvent.create({
      data: {
        requestId: locked.id,
        fromStatus: locked.status,
        toStatus: locked.status,
        actor: actorLabel(ctx.caller),
        note: `deadline extended to ${extendedDueAt.toISOString()}: ${input.reason.trim()}`,
      },
    });
    await queueNotices(tx, ctx.tenantId, extended, ["extension-notice"], {
      "extension-notice": {
        reason: input.reason.trim(),
        extendedDueAt: extendedDueAt.toISOString(),
        rule: deadlines.rule.citation,
        // The notice cites the extension's legal basis from the rule; staff's reason only adds to it.
        extensionBasis: deadlines.rule.basis === "statute" ? "statute" : "company-policy",
      },
    });
    await recordAudit(tx, ctx, { operation: "extendRequestDeadline", subjectId: locked.subjectId });
    return extended;
  });
}

/** Ends a restriction of processing: apps, and the recipients told of it, may process the person's data again. */
export async function liftRestriction(db: TenantScopedPrisma, ctx: ServiceCaller, externalId: string) {
  const subject = await db.dataSubject.findFirst({ where: { externalId } });
  if (!subject) throw new CustosError("NOT_FOUND", "There is no such subject.");
  return db.$transaction(async (tx) => {
    // Only a restriction in force is told as lifted: lifting again changes nothing and tells no one twice.
    const { count } = await tx.dataSubject.updateMany({
      where: { id: subject.id, restrictedAt: { not: null } },
      data: { restrictedAt: null },
    });
    if (count > 0) await tellRecipientsOfLift(tx, ctx.tenantId, subject, new Date());
    await recordAudit(tx, ctx, { operation: "liftProcessingRestriction", subjectId: subject.id });
    return { restrictedAt: null };
  });
}
