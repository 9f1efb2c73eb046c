// The consent core's state as kept in first-party storage, and the pure rules that change it. No I/O here.
import type { ConsentDecision, StorefrontConsentQuery } from "../../generated/graphql.ts";

/** Decisions by key: cookie categories (`analytics`) and consent-based purposes (`marketing`). */
export interface Choices {
  cookies: Record<string, ConsentDecision>;
  purposes: Record<string, ConsentDecision>;
}

/** A choice made here that the gateway has not confirmed yet, with the idempotency key every attempt sends. */
export interface PendingChoice extends Choices {
  idempotencyKey: string;
  channel: "BANNER" | "PREFERENCE_CENTRE" | "API";
  gpc: boolean;
  madeAt: string;
  /** Where the choice was made (page without query or fragment) and with which browser: sent as the event's proof. */
  proof?: { userAgent?: string; pageUrl?: string };
  /** IAB strings read from a CMP on the page when the choice was made, sent with it. */
  tcString?: string;
  gppString?: string;
}

export interface StoredConsent {
  version: 1;
  subjectId: string;
  /** What applies on this device now: the last choice made here, or the gateway's state read back. */
  choices: Choices;
  /** Strictly necessary cookie categories, always allowed (from the gateway's state). */
  required: string[];
  /** The person has chosen (here or, read back, elsewhere) and nothing needs asking again. */
  decided: boolean;
  pending: PendingChoice | null;
  /** When the gateway last confirmed a choice made here. */
  confirmedAt: string | null;
}

export function emptyConsent(subjectId: string): StoredConsent {
  return { version: 1, subjectId, choices: { cookies: {}, purposes: {} }, required: [], decided: false, pending: null, confirmedAt: null };
}

/** Reads what storage holds, or null when it holds nothing usable (absent, another format, another subject). */
export function parseStoredConsent(text: string | null, subjectId: string | undefined): StoredConsent | null {
  if (!text) return null;
  try {
    const stored = JSON.parse(text) as StoredConsent;
    if (stored?.version !== 1 || typeof stored.subjectId !== "string") return null;
    return subjectId === undefined || stored.subjectId === subjectId ? stored : null;
  } catch {
    return null;
  }
}

/** Applies a choice at once: it is what `allows` answers from, and it waits in `pending` until the gateway confirms it. */
export function applyChoice(state: StoredConsent, choice: Omit<PendingChoice, "cookies" | "purposes"> & Partial<Choices>): StoredConsent {
  const cookies = { ...state.pending?.cookies, ...choice.cookies };
  const purposes = { ...state.pending?.purposes, ...choice.purposes };
  return {
    ...state,
    choices: { cookies: { ...state.choices.cookies, ...cookies }, purposes: { ...state.choices.purposes, ...purposes } },
    decided: true,
    // A newer choice before the last was confirmed is sent in its place, with a key of its own: it decides anyway.
    pending: { ...choice, cookies, purposes },
  };
}

/** The gateway confirmed the pending choice with this key; a choice made since stays pending. */
export function confirmChoice(state: StoredConsent, idempotencyKey: string, at: string): StoredConsent {
  if (state.pending?.idempotencyKey !== idempotencyKey) return state;
  return { ...state, pending: null, confirmedAt: at };
}

type GatewayState = StorefrontConsentQuery["consentState"];

/** Takes the gateway's state read back, except where a choice made here is still on its way. */
export function mergeGatewayState(state: StoredConsent, gateway: GatewayState): StoredConsent {
  const decision = (status: string): ConsentDecision => (status === "GRANTED" ? "GRANTED" : "WITHDRAWN");
  const cookies = Object.fromEntries(gateway.cookieCategories.map((entry) => [entry.category.key, decision(entry.status)]));
  const purposes = Object.fromEntries(gateway.purposes.map((entry) => [entry.purpose.key, decision(entry.status)]));
  const asked = [...gateway.cookieCategories.filter((entry) => !entry.category.required), ...gateway.purposes];
  // Renewal (a material policy change) or expiry asks again; a choice the person made anywhere counts as decided. A GPC
  // signal is the browser's, and covers advertising only: the banner still asks about the rest.
  const chosen = asked.some((entry) => entry.channel !== null && entry.channel !== "GPC_SIGNAL");
  const decided = chosen && !asked.some((entry) => entry.status === "NEEDS_RENEWAL" || entry.status === "EXPIRED");
  return {
    ...state,
    choices: {
      cookies: { ...cookies, ...state.pending?.cookies },
      purposes: { ...purposes, ...state.pending?.purposes },
    },
    required: gateway.cookieCategories.filter((entry) => entry.category.required).map((entry) => entry.category.key),
    decided: state.pending !== null || decided,
  };
}

/** The synchronous check before a script or a processing step: granted here, or strictly necessary. */
export function allowsKey(state: StoredConsent, key: string): boolean {
  return state.required.includes(key) || state.choices.cookies[key] === "GRANTED" || state.choices.purposes[key] === "GRANTED";
}
