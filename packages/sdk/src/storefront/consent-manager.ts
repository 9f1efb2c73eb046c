import {
  StorefrontConsentDocument,
  StorefrontCookieChoiceDocument,
  StorefrontGpcDocument,
  StorefrontPurposeChoiceDocument,
} from "../../generated/graphql.ts";
import { CustosError } from "../custos-error.ts";
import { newIdempotencyKey } from "../idempotency-key.ts";
import { type ClientOptions, createRequest } from "../request.ts";
import { createVisitorId } from "../visitor-id.ts";
import {
  allowsKey,
  applyChoice,
  type Choices,
  confirmChoice,
  emptyConsent,
  mergeGatewayState,
  type PendingChoice,
  parseStoredConsent,
  type StoredConsent,
} from "./stored-consent.ts";

export interface ConsentManagerOptions extends ClientOptions {
  /** The person: a customer's id with a shopper session as `token`; by default the visitor id kept in storage, or a new one. */
  subjectId?: string;
  /** First-party storage; `localStorage` by default. Another tab's choice in it applies here too (the `storage` event). */
  storage?: Pick<Storage, "getItem" | "setItem">;
  /** Where the state is kept in `storage`. Default `custos-consent`. */
  storageKey?: string;
  /** ISO 3166 code of the law the choices are made under, e.g. RU or US-CA. */
  jurisdiction?: string;
  /** The browser's Global Privacy Control; `navigator.globalPrivacyControl` by default. */
  gpc?: boolean;
  /** Cookie categories allowed before the gateway's state is read back (its strictly necessary ones, e.g. `["strictly_necessary"]`). */
  required?: string[];
  /**
   * Reads the IAB strings of a TCF or GPP CMP on the page when a choice is made (`readCmpSignals`), to send with it.
   * A string the gateway refuses (invalid, or contradicting a grant) is dropped and the choice sent without it.
   */
  signals?: () => Promise<{ tcString?: string; gppString?: string }>;
}

/** A choice to apply: decisions by cookie category and by consent-based purpose. */
export interface ConsentChoice extends Partial<Choices> {
  /** BANNER (default), PREFERENCE_CENTRE or API. */
  channel?: PendingChoice["channel"];
}

export interface ConsentSnapshot {
  subjectId: string;
  choices: Choices;
  /** The person has chosen; a banner need not ask. */
  decided: boolean;
  /** A choice made here is waiting for the gateway. */
  pending: boolean;
  confirmedAt: string | null;
  gpc: boolean;
}

export interface ConsentManager {
  readonly subjectId: string;
  /** Synchronous, from the stored state: the category or purpose is granted here, or strictly necessary. */
  allows(categoryOrPurpose: string): boolean;
  snapshot(): ConsentSnapshot;
  /** Applies and stores the choice at once, then delivers it to the gateway (again after reload or offline, until confirmed). */
  choose(choice: ConsentChoice): void;
  /** Called after every change: a choice, the gateway's state read back, a confirmation. Returns the unsubscribe. */
  onChange(listener: (snapshot: ConsentSnapshot) => void): () => void;
  /** Reads the person's state from the gateway and takes it where no local choice is pending. */
  refresh(): Promise<void>;
  /** Delivers a pending choice now; resolves when confirmed, rejects with the CustosError if the gateway cannot be reached. */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** Stops listening to the page (online, pagehide) and retrying. */
  close(): void;
}

/**
 * The proof a browser can give of where the choice was made: its user agent and the page, without query or fragment
 * (they may carry an e-mail address or a token). The gateway adds nothing else; the jurisdiction goes beside it.
 */
function pageProof(): PendingChoice["proof"] {
  const userAgent = globalThis.navigator?.userAgent;
  const location = globalThis.location;
  const pageUrl = location ? `${location.origin}${location.pathname}` : undefined;
  return userAgent || pageUrl ? { userAgent, pageUrl } : undefined;
}

const RETRY_EVERY_MS = [2_000, 5_000, 15_000, 30_000];

/**
 * The storefront's local-first consent: a choice counts the moment it is made, survives reload and going offline in
 * first-party storage, and is delivered with the idempotency key stored beside it, so the ledger records it once.
 */
export function createConsentManager(options: ConsentManagerOptions): ConsentManager {
  const storage = options.storage ?? globalThis.localStorage;
  const storageKey = options.storageKey ?? "custos-consent";
  const gpc = options.gpc ?? (globalThis.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;
  // Transient failures are retried by the manager itself, with the page's lifecycle, not inside one call.
  const request = createRequest({ retry: { retries: 0 }, ...options });
  const listeners = new Set<(snapshot: ConsentSnapshot) => void>();

  let state = parseStoredConsent(storage.getItem(storageKey), options.subjectId) ?? emptyConsent(options.subjectId ?? createVisitorId());
  state = { ...state, required: [...new Set([...(options.required ?? []), ...state.required])] };
  let gpcReported = !gpc;
  let inFlight: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const snapshot = (): ConsentSnapshot => ({
    subjectId: state.subjectId,
    choices: state.choices,
    decided: state.decided,
    pending: state.pending !== null,
    confirmedAt: state.confirmedAt,
    gpc,
  });
  const notify = () => {
    for (const listener of listeners) listener(snapshot());
  };
  const update = (next: StoredConsent) => {
    state = next;
    storage.setItem(storageKey, JSON.stringify(state));
    notify();
  };
  // Another tab of the same visitor chose (or had its choice confirmed): what it stored applies here at once, so a
  // "no" there stops this tab's tags too. That tab delivers its own choice; this one only follows.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== storageKey || event.storageArea !== (storage as Storage)) return;
    const stored = parseStoredConsent(event.newValue, state.subjectId);
    if (!stored) return;
    state = { ...stored, required: [...new Set([...state.required, ...stored.required])] };
    notify();
  };

  // The CMP's strings for the choice just made, read before it is first sent.
  let signalsRead: Promise<void> = Promise.resolve();
  const deliver = async (keepalive: boolean): Promise<void> => {
    if (!keepalive) await signalsRead;
    const send = request.with({ keepalive });
    const { subjectId } = state;
    const { jurisdiction } = options;
    if (!gpcReported) {
      await send(StorefrontGpcDocument, { input: { subjectId, gpc, jurisdiction } });
      gpcReported = true;
    }
    const pending = state.pending;
    if (!pending) return;
    const { idempotencyKey, channel, proof, tcString, gppString } = pending;
    const evidence = { gpc, jurisdiction, proof };
    // A CMP's string the gateway refuses (invalid, or contradicting a grant) never holds the choice back: that call is
    // sent again without the strings, under a key of its own, so each version of it is still recorded once.
    const withoutRefusedStrings = async (
      call: (strings: Pick<PendingChoice, "tcString" | "gppString">, key: string) => Promise<unknown>,
      key: string,
    ) => {
      try {
        await call({ tcString, gppString }, key);
      } catch (error) {
        const refused =
          error instanceof CustosError && /^(INVALID_TC_STRING|INVALID_GPP_STRING|TC_STRING_CONTRADICTS_DECISION)$/.test(error.code);
        if (!refused || (!tcString && !gppString)) throw error;
        await call({}, `${key}:without-signals`);
      }
    };
    const choices = Object.entries(pending.cookies).map(([category, decision]) => ({ category, decision }));
    if (choices.length > 0) {
      await withoutRefusedStrings(
        (strings, key) =>
          send(StorefrontCookieChoiceDocument, { input: { subjectId, channel, choices, ...evidence, ...strings, idempotencyKey: key } }),
        idempotencyKey,
      );
    }
    for (const [purpose, decision] of Object.entries(pending.purposes)) {
      await withoutRefusedStrings(
        (strings, key) =>
          send(StorefrontPurposeChoiceDocument, {
            input: { subjectId, purpose, decision, channel, ...evidence, ...strings, idempotencyKey: key },
          }),
        `${idempotencyKey}:${purpose}`,
      );
    }
    update(confirmChoice(state, idempotencyKey, new Date().toISOString()));
  };

  const flush = (flushOptions: { keepalive?: boolean } = {}): Promise<void> => {
    // The page is going away and takes any request in flight with it: send again, with keepalive. The stored
    // idempotency key makes a second arrival record nothing.
    if (flushOptions.keepalive) return deliver(true);
    clearTimeout(retryTimer);
    inFlight ??= deliver(false)
      .then(
        () => {
          failures = 0;
        },
        (error: unknown) => {
          retryTimer = setTimeout(() => void flush().catch(() => {}), RETRY_EVERY_MS[Math.min(failures++, RETRY_EVERY_MS.length - 1)]);
          throw error;
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
    // A choice made while the last one was on its way goes out right after it.
    return inFlight.then(() => (state.pending || !gpcReported ? flush() : undefined));
  };

  const background = () => void flush().catch(() => {});
  const onPageHide = () => {
    if (state.pending) void flush({ keepalive: true }).catch(() => {});
  };
  const onVisibility = () => {
    if (globalThis.document?.visibilityState === "hidden") onPageHide();
  };
  globalThis.addEventListener?.("online", background);
  globalThis.addEventListener?.("pagehide", onPageHide);
  globalThis.addEventListener?.("storage", onStorage);
  globalThis.document?.addEventListener("visibilitychange", onVisibility);
  update(state);
  if (state.pending || !gpcReported) background();

  return {
    subjectId: state.subjectId,
    allows: (key) => allowsKey(state, key),
    snapshot,
    choose: ({ channel = "BANNER", cookies, purposes }) => {
      const madeAt = new Date().toISOString();
      const idempotencyKey = newIdempotencyKey();
      update(applyChoice(state, { cookies, purposes, channel, gpc, idempotencyKey, madeAt, proof: pageProof() }));
      if (options.signals) {
        signalsRead = options.signals().then(
          (strings) => {
            if (state.pending?.idempotencyKey === idempotencyKey) update({ ...state, pending: { ...state.pending, ...strings } });
          },
          () => {},
        );
      }
      background();
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: async () => {
      const { consentState } = await request(StorefrontConsentDocument, { subjectId: state.subjectId });
      update(mergeGatewayState(state, consentState));
    },
    flush,
    close: () => {
      clearTimeout(retryTimer);
      globalThis.removeEventListener?.("online", background);
      globalThis.removeEventListener?.("pagehide", onPageHide);
      globalThis.removeEventListener?.("storage", onStorage);
      globalThis.document?.removeEventListener("visibilitychange", onVisibility);
    },
  };
}
