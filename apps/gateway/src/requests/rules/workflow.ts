import type { RequestStatus, RequestType } from "./request-kinds.ts";
import { RequestRuleError } from "./rule-error.ts";

export type ActorKind = "subject" | "staff" | "system";

export type NotificationKind =
  | "acknowledgement"
  | "verification-code"
  | "extension-notice"
  | "completion"
  | "rejection"
  | "withdrawal-confirmation"
  | "escalation-acknowledgement";

export interface TransitionRule {
  readonly from: RequestStatus;
  readonly to: RequestStatus;
  readonly actors: readonly ActorKind[];
  /** Messages to the person that the move queues; the service sends them, these rules only name them. */
  readonly notifies: readonly NotificationKind[];
  /** The reason is stored and sent to the person. */
  readonly requiresReason: boolean;
  readonly meaning: string;
}

const rule = (
  from: RequestStatus,
  to: RequestStatus,
  actors: readonly ActorKind[],
  notifies: readonly NotificationKind[],
  meaning: string,
): TransitionRule => ({ from, to, actors, notifies, requiresReason: to === "REJECTED", meaning });

/**
 * Every legal move of a request. Anything not listed is refused. Escalation (P11: the person is unhappy with
 * the answer) is only possible once there is an answer, i.e. from COMPLETED or REJECTED.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  rule("RECEIVED", "AWAITING_VERIFICATION", ["staff", "system"], ["verification-code"], "identity check started"),
  rule("RECEIVED", "VERIFIED", ["system"], [], "identity proven at submission by a signed-in shopper session"),
  rule("RECEIVED", "IN_PROGRESS", ["staff", "system"], [], "work starts on a request that needs no identity check"),
  rule("RECEIVED", "REJECTED", ["staff"], ["rejection"], "refused outright, e.g. manifestly unfounded"),
  rule("RECEIVED", "WITHDRAWN", ["subject"], ["withdrawal-confirmation"], "the person withdraws"),
  rule("AWAITING_VERIFICATION", "VERIFIED", ["staff", "system"], [], "identity proven (code confirmed or documents checked)"),
  rule("AWAITING_VERIFICATION", "REJECTED", ["staff", "system"], ["rejection"], "identity could not be verified"),
  rule("AWAITING_VERIFICATION", "WITHDRAWN", ["subject"], ["withdrawal-confirmation"], "the person withdraws"),
  rule("VERIFIED", "IN_PROGRESS", ["staff", "system"], [], "work starts"),
  rule("VERIFIED", "REJECTED", ["staff"], ["rejection"], "refused after verification, e.g. an exemption applies"),
  rule("VERIFIED", "WITHDRAWN", ["subject"], ["withdrawal-confirmation"], "the person withdraws"),
  rule("IN_PROGRESS", "AWAITING_VERIFICATION", ["staff"], ["verification-code"], "doubts about identity arose during the work"),
  rule("IN_PROGRESS", "COMPLETED", ["staff", "system"], ["completion"], "answered: data released, changed or erased"),
  rule("IN_PROGRESS", "REJECTED", ["staff"], ["rejection"], "refused during the work"),
  rule("IN_PROGRESS", "WITHDRAWN", ["subject"], ["withdrawal-confirmation"], "the person withdraws"),
  rule("COMPLETED", "ESCALATED", ["subject"], ["escalation-acknowledgement"], "the person is unhappy with the answer"),
  rule("REJECTED", "ESCALATED", ["subject"], ["escalation-acknowledgement"], "the person contests the refusal"),
  rule("ESCALATED", "IN_PROGRESS", ["staff"], [], "the escalation reopens the work"),
  rule("ESCALATED", "COMPLETED", ["staff"], ["completion"], "the escalation is answered"),
  rule("ESCALATED", "REJECTED", ["staff"], ["rejection"], "the escalation is refused"),
  rule("ESCALATED", "WITHDRAWN", ["subject"], ["withdrawal-confirmation"], "the person drops the escalation"),
];

/** Queued when a request is recorded, before any transition. */
export const RECEIPT_NOTIFICATIONS: readonly NotificationKind[] = ["acknowledgement"];
/** Queued when a deadline is extended; the notice carries the reasons (see computeDeadlines). */
export const EXTENSION_NOTIFICATIONS: readonly NotificationKind[] = ["extension-notice"];

/**
 * P10: identity is verified before anything is released, changed or erased. Requests that only stop
 * processing for the person's benefit or ask something need no proof: the CCPA forbids requiring
 * verification for an opt-out (Cal. Code Regs. tit. 11 §7026(d)), and objecting to marketing or asking a
 * question harms nobody if someone else does it.
 */
export const IDENTITY_VERIFICATION: Readonly<Record<RequestType, { readonly required: boolean; readonly why: string }>> = {
  ACCESS: { required: true, why: "releases personal data" },
  PORTABILITY: { required: true, why: "releases personal data" },
  ERASURE: { required: true, why: "erases personal data" },
  RECTIFICATION: { required: true, why: "changes personal data" },
  RESTRICTION: { required: true, why: "changes how the person's data and account are handled" },
  OBJECTION: { required: false, why: "only stops processing, e.g. direct marketing" },
  OPT_OUT_OF_SALE: { required: false, why: "only stops selling or sharing; CCPA §7026(d) forbids requiring verification" },
  QUESTION: { required: false, why: "releases no personal data" },
  COMPLAINT: { required: false, why: "releases no personal data" },
};

const WORK_STATES: readonly RequestStatus[] = ["IN_PROGRESS", "COMPLETED"];

export function nextStates(status: RequestStatus, actor?: ActorKind): RequestStatus[] {
  return TRANSITIONS.filter((transition) => transition.from === status && (!actor || transition.actors.includes(actor))).map(
    (transition) => transition.to,
  );
}

export interface TransitionRequest {
  readonly type: RequestType;
  readonly from: RequestStatus;
  readonly to: RequestStatus;
  readonly actor: ActorKind;
  /** Whether the request's identity verification has succeeded (the service knows from its records). */
  readonly identityVerified: boolean;
  readonly reason?: string;
}

export interface QueuedNotification {
  readonly kind: NotificationKind;
  readonly reason?: string;
}

export interface AllowedTransition {
  readonly transition: TransitionRule;
  readonly notifications: readonly QueuedNotification[];
}

/** @throws RequestRuleError ILLEGAL_TRANSITION, or REASON_REQUIRED for a rejection without a reason. */
export function assertTransition(request: TransitionRequest): AllowedTransition {
  const { type, from, to, actor } = request;
  const transition = TRANSITIONS.find((candidate) => candidate.from === from && candidate.to === to);
  if (!transition) {
    const allowed = nextStates(from);
    throw new RequestRuleError(
      "ILLEGAL_TRANSITION",
      `a request cannot move from ${from} to ${to}; from ${from} it can move to ${allowed.length ? allowed.join(", ") : "nothing"}.`,
    );
  }
  if (!transition.actors.includes(actor)) {
    throw new RequestRuleError(
      "ILLEGAL_TRANSITION",
      `${from} → ${to} can only be done by ${transition.actors.join(" or ")}, not by ${actor}.`,
    );
  }
  if (WORK_STATES.includes(to) && IDENTITY_VERIFICATION[type].required && !request.identityVerified) {
    throw new RequestRuleError(
      "ILLEGAL_TRANSITION",
      `a ${type} request ${IDENTITY_VERIFICATION[type].why}, so it cannot move to ${to} before the person's identity is verified.`,
    );
  }
  const reason = request.reason?.trim();
  if (transition.requiresReason && !reason) {
    throw new RequestRuleError("REASON_REQUIRED", `moving to ${to} needs a reason; it is sent to the person.`);
  }
  return {
    transition,
    notifications: transition.notifies.map((kind) => (kind === "rejection" && reason ? { kind, reason } : { kind })),
  };
}
