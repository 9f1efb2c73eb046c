/**
 * Precedence between the Global Privacy Control signal and explicit decisions, per purpose or cookie category.
 *
 * Source: Cal. Code Regs. tit. 11, § 7025 (CCPA regulations, "Opt-Out Preference Signals"),
 * https://www.law.cornell.edu/regulations/california/11-CCR-7025
 * - (c)(1): a valid signal is a request to opt out of sale/sharing for that browser or device and, if known, the consumer.
 * - (c)(3): "If the opt-out preference signal conflicts with a consumer's business-specific privacy setting that allows
 *   the business to sell or share their personal information, the business shall process the opt-out preference signal
 *   as a valid request to opt-out of sale/sharing, but may notify the consumer of the conflict and provide the consumer
 *   with an opportunity to consent to the sale or sharing of their personal information." Consent so obtained must follow
 *   § 7004, and if the consumer consents the business may ignore the signal for as long as the consumer is known to it.
 * - (c)(5): the absence of a signal after the consumer sent one is not consent to opt back in.
 *
 * The rule, for one target the signal covers:
 * 1. A report without the signal records nothing: absence is not consent ((c)(5)).
 * 2. A signal older than the current decision records nothing: the later decision stands.
 * 3. No decision yet: record a withdrawal, channel GPC_SIGNAL, with the signal as proof ((c)(1)).
 * 4. Current decision is a withdrawal (from any channel): record nothing, so repeated signals are no-ops.
 * 5. Current decision is an opt-in made while the signal was on (the event recorded gpc = true): record nothing; the
 *    explicit consent given in the face of the signal prevails ((c)(3)).
 * 6. Current decision is an opt-in made without the signal: the signal conflicts with an earlier setting, so record a
 *    withdrawal ((c)(3), first clause).
 * An explicit decision (any channel but GPC_SIGNAL) is always recorded, with whether the signal was on at the time,
 * so that rule 5 can later tell an opt-in made in the face of the signal from one made before it.
 *
 * Which purposes and cookie categories amount to "sale, sharing and targeted advertising" is the caller's GpcScope
 * (e.g. the `marketing` purpose and the `advertising` cookie category), not fixed here.
 */
import type { ConsentChannel, ConsentDecision } from "./consent-terms.ts";
import { epochMillis, type InstantInput, isoInstant } from "./dates.ts";

export interface GpcScope {
  purposeKeys: readonly string[];
  cookieCategoryKeys: readonly string[];
}

export interface ConsentTarget {
  kind: "PURPOSE" | "COOKIE_CATEGORY";
  key: string;
}

/** The latest recorded decision for one target: ConsentState / CookieConsentState plus the `gpc` of its last event. */
export interface CurrentDecision {
  decision: ConsentDecision;
  channel: ConsentChannel;
  decidedAt: InstantInput;
  /** Whether the GPC signal accompanied that decision; null or absent when the channel could not tell. */
  gpc?: boolean | null;
}

/** Proof kept with a signal-driven event: never a raw IP, only its hash. */
export interface SignalProof {
  userAgent?: string | null;
  ipHash?: string | null;
  pageUrl?: string | null;
  gppString?: string | null;
}

/** What the storefront reported on a request: `gpc` is the value of the `Sec-GPC` header or `navigator.globalPrivacyControl`. */
export interface GpcReport {
  kind: "GPC_SIGNAL";
  gpc: boolean;
  receivedAt: InstantInput;
  proof?: SignalProof;
}

export type ExplicitChannel = Exclude<ConsentChannel, "GPC_SIGNAL">;

export interface ExplicitDecision {
  kind: "EXPLICIT";
  decision: ConsentDecision;
  channel: ExplicitChannel;
  decidedAt: InstantInput;
  /** Whether the GPC signal was on when the person decided. */
  gpc: boolean;
}

export type IncomingDecision = GpcReport | ExplicitDecision;

export type RecordReason = "GPC_OPT_OUT" | "GPC_OVERRIDES_EARLIER_OPT_IN" | "EXPLICIT_DECISION";

export type SkipReason = "NO_SIGNAL" | "STALE_SIGNAL" | "ALREADY_OPTED_OUT" | "EXPLICIT_OPT_IN_WHILE_GPC_ON";

export interface EventToRecord {
  decision: ConsentDecision;
  channel: ConsentChannel;
  occurredAt: string;
  gpc: boolean;
  proof: SignalProof;
}

export type PrecedenceOutcome = { record: true; reason: RecordReason; event: EventToRecord } | { record: false; reason: SkipReason };

function skip(reason: SkipReason): PrecedenceOutcome {
  return { record: false, reason };
}

function gpcWithdrawal(report: GpcReport, reason: RecordReason): PrecedenceOutcome {
  const event: EventToRecord = {
    decision: "WITHDRAWN",
    channel: "GPC_SIGNAL",
    occurredAt: isoInstant(report.receivedAt),
    gpc: true,
    proof: report.proof ?? {},
  };
  return { record: true, reason, event };
}

/** Decides whether `incoming` changes the ledger for one target, given its current decision (null if never asked). */
export function decideGpcPrecedence(current: CurrentDecision | null, incoming: IncomingDecision): PrecedenceOutcome {
  if (incoming.kind === "EXPLICIT") {
    const event: EventToRecord = {
      decision: incoming.decision,
      channel: incoming.channel,
      occurredAt: isoInstant(incoming.decidedAt),
      gpc: incoming.gpc,
      proof: {},
    };
    return { record: true, reason: "EXPLICIT_DECISION", event };
  }
  if (!incoming.gpc) return skip("NO_SIGNAL");
  if (current === null) return gpcWithdrawal(incoming, "GPC_OPT_OUT");
  if (epochMillis(incoming.receivedAt) <= epochMillis(current.decidedAt)) return skip("STALE_SIGNAL");
  if (current.decision === "WITHDRAWN") return skip("ALREADY_OPTED_OUT");
  if (current.gpc === true) return skip("EXPLICIT_OPT_IN_WHILE_GPC_ON");
  return gpcWithdrawal(incoming, "GPC_OVERRIDES_EARLIER_OPT_IN");
}

export interface CurrentDecisionsByKey {
  purposes: Readonly<Record<string, CurrentDecision | undefined>>;
  cookieCategories: Readonly<Record<string, CurrentDecision | undefined>>;
}

export interface TargetOutcome {
  target: ConsentTarget;
  outcome: PrecedenceOutcome;
}

/** Applies one storefront report to every target in scope; keys missing from `current` count as never asked. */
export function planGpcReport(scope: GpcScope, current: CurrentDecisionsByKey, report: GpcReport): TargetOutcome[] {
  const purposes = scope.purposeKeys.map((key) => ({
    target: { kind: "PURPOSE" as const, key },
    outcome: decideGpcPrecedence(current.purposes[key] ?? null, report),
  }));
  const cookieCategories = scope.cookieCategoryKeys.map((key) => ({
    target: { kind: "COOKIE_CATEGORY" as const, key },
    outcome: decideGpcPrecedence(current.cookieCategories[key] ?? null, report),
  }));
  return [...purposes, ...cookieCategories];
}
