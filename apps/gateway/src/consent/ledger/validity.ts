/**
 * Whether a consent decision can be relied on now.
 *
 * A grant stops being a basis for processing when it is withdrawn, when its validity period ends, or when a later
 * MATERIAL version of the same kind of policy has taken effect: the person agreed to the old text, and the policy
 * promises (P16) to ask again when consent rested on it. Until renewed, such consent is NEEDS_RENEWAL and processing
 * on a consent basis stops.
 *
 * The validity period applies when the decision carries no `expiresAt` of its own. It is a parameter because the right
 * value depends on the target and the law. For cookie choices the CNIL calls keeping a person's choice for six months
 * good practice (Recommendation No. 2020-092 of 17 September 2020 on cookies and other trackers, JORF
 * JORFTEXT000042388197), so CNIL_COOKIE_CHOICE_MONTHS is 6.
 */

import { addCalendarMonths } from "../../ground/calendar-months.ts";
import type { ConsentDecision, PolicyKind } from "./consent-terms.ts";
import { epochMillis, type InstantInput, isoInstant } from "./dates.ts";

export const CNIL_COOKIE_CHOICE_MONTHS = 6;

export type ValidityStatus = "GRANTED" | "WITHDRAWN" | "EXPIRED" | "NEEDS_RENEWAL" | "NOT_ASKED";

export interface DecisionState {
  decision: ConsentDecision;
  decidedAt: InstantInput;
  expiresAt?: InstantInput | null;
}

export interface ValidityQuestion {
  /** The current decision for the purpose or cookie category; null if the person was never asked. */
  state: DecisionState | null;
  /** Whether a later material version of the policy the consent was given under is now effective. */
  laterMaterialPolicyEffective: boolean;
  /** Months a grant lasts when it has no `expiresAt`; null for no limit. */
  defaultValidityMonths: number | null;
  now: InstantInput;
}

export interface ConsentValidity {
  status: ValidityStatus;
  /** True only for GRANTED: every other status means processing that rests on consent must not happen. */
  processingAllowed: boolean;
  /** When the grant lapses (ISO string); null when it never lapses or is not a grant. */
  validUntil: string | null;
}

/** The end of a grant's validity: its own `expiresAt`, else `decidedAt` plus the default period, else none. */
export function grantExpiry(state: DecisionState, defaultValidityMonths: number | null): string | null {
  if (state.expiresAt != null) return isoInstant(state.expiresAt);
  return defaultValidityMonths === null
    ? null
    : addCalendarMonths(new Date(isoInstant(state.decidedAt)), defaultValidityMonths).toISOString();
}

export function consentValidity(question: ValidityQuestion): ConsentValidity {
  const { state } = question;
  if (state === null) return { status: "NOT_ASKED", processingAllowed: false, validUntil: null };
  if (state.decision === "WITHDRAWN") return { status: "WITHDRAWN", processingAllowed: false, validUntil: null };
  const validUntil = grantExpiry(state, question.defaultValidityMonths);
  if (validUntil !== null && epochMillis(validUntil) <= epochMillis(question.now))
    return { status: "EXPIRED", processingAllowed: false, validUntil };
  if (question.laterMaterialPolicyEffective) return { status: "NEEDS_RENEWAL", processingAllowed: false, validUntil };
  return { status: "GRANTED", processingAllowed: true, validUntil };
}

export interface PolicyVersionFacts {
  id: string;
  kind: PolicyKind;
  effectiveAt: InstantInput;
  material: boolean;
}

/**
 * Whether a material version of the same kind as `givenUnderId` took effect after it and by `now`. Languages are not
 * compared: a material change published in any language changes what the person agreed to. False when the consent
 * names no policy version or one not in `versions`, since there is then nothing to compare against.
 */
export function laterMaterialPolicyEffective(
  givenUnderId: string | null,
  versions: readonly PolicyVersionFacts[],
  now: InstantInput,
): boolean {
  const givenUnder = versions.find((version) => version.id === givenUnderId);
  if (givenUnder === undefined) return false;
  const givenUnderAt = epochMillis(givenUnder.effectiveAt);
  const nowAt = epochMillis(now);
  return versions.some((version) => {
    const effectiveAt = epochMillis(version.effectiveAt);
    return version.kind === givenUnder.kind && version.material && effectiveAt > givenUnderAt && effectiveAt <= nowAt;
  });
}
