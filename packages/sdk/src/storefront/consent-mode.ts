// Google Consent Mode v2 driven by the consent core: defaults before any Google tag runs, an update on every choice.
import type { ConsentManager } from "./consent-manager.ts";

/** The four signals of Consent Mode v2. */
export type ConsentModeSignal = "ad_storage" | "analytics_storage" | "ad_user_data" | "ad_personalization";
type SignalState = Record<ConsentModeSignal, "granted" | "denied">;

export interface ConsentModeOptions {
  /**
   * Which cookie categories or purposes a signal needs: it is granted when the manager allows every key listed.
   * Default: `analytics_storage` ← analytics; `ad_storage`, `ad_user_data`, `ad_personalization` ← advertising.
   */
  mapping?: Partial<Record<ConsentModeSignal, string[]>>;
  /**
   * Where the shop sets defaults by region (ISO 3166-1 or -2 codes, as Google reads them): the default applies in
   * those regions only, and `outside` (denied by default) everywhere else. Without it, denied everywhere.
   */
  regions?: string[];
  /** The default outside `regions`: `granted` for shops that ask only where the law requires it. Default `denied`. */
  outside?: "denied" | "granted";
  /** Milliseconds Google tags wait for the update after the default (`wait_for_update`); default 500. */
  waitForUpdate?: number;
  /** Redact ad click identifiers while ad_storage is denied (`ads_data_redaction`). */
  adsDataRedaction?: boolean;
  /** Pass ad click information through URLs while storage is denied (`url_passthrough`). */
  urlPassthrough?: boolean;
  /** The page's data layer; `window.dataLayer` by default (created when absent). */
  dataLayer?: unknown[];
}

const DEFAULT_MAPPING: Record<ConsentModeSignal, string[]> = {
  analytics_storage: ["analytics"],
  ad_storage: ["advertising"],
  ad_user_data: ["advertising"],
  ad_personalization: ["advertising"],
};

/**
 * Call it before any Google tag is on the page (the tag reads the default when it loads): it pushes
 * `gtag('consent', 'default', …)`, denied until a choice, then `gtag('consent', 'update', …)` with the manager's state
 * when the person has chosen already and after every change of the signals (a choice here, in another tab, or read
 * back). Returns the unsubscribe.
 */
export function installConsentMode(manager: ConsentManager, options: ConsentModeOptions = {}): () => void {
  const mapping = { ...DEFAULT_MAPPING, ...options.mapping };
  const signals = Object.keys(mapping) as ConsentModeSignal[];
  const scope = globalThis as { dataLayer?: unknown[] };
  if (!options.dataLayer) scope.dataLayer ??= [];
  const dataLayer = options.dataLayer ?? scope.dataLayer ?? [];
  // Google's tags read `arguments` objects from the data layer, not arrays: the same function gtag.js documents.
  function gtag(..._: unknown[]) {
    // biome-ignore lint/complexity/noArguments: Google's tags recognise gtag commands only as Arguments objects.
    dataLayer.push(arguments);
  }
  const all = (value: "granted" | "denied") => Object.fromEntries(signals.map((signal) => [signal, value])) as SignalState;
  const wait = { wait_for_update: options.waitForUpdate ?? 500 };
  if (options.regions?.length) {
    gtag("consent", "default", { ...all("denied"), ...wait, region: options.regions });
    gtag("consent", "default", { ...all(options.outside ?? "denied"), ...wait });
  } else {
    gtag("consent", "default", { ...all("denied"), ...wait });
  }
  if (options.adsDataRedaction !== undefined) gtag("set", "ads_data_redaction", options.adsDataRedaction);
  if (options.urlPassthrough !== undefined) gtag("set", "url_passthrough", options.urlPassthrough);

  let last = "";
  const update = () => {
    if (!manager.snapshot().decided) return;
    const state = Object.fromEntries(
      signals.map((signal) => [signal, mapping[signal].every((key) => manager.allows(key)) ? "granted" : "denied"]),
    ) as SignalState;
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    gtag("consent", "update", state);
  };
  update();
  return manager.onChange(update);
}
