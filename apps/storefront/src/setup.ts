// What every page of the demo shop does first: find the gateway, know the visitor, tell Google's tags what they may do,
// show the banner, unblock scripts.
import { activateScripts, type Catalogue, type Language, mountConsentUi } from "@custos/consent-ui";
import { createConsentManager, createStorefrontClient, installConsentMode, readCmpSignals } from "@custos/sdk/storefront";
import { translatePage } from "./texts.ts";

export interface ShopConfig {
  gatewayUrl: string;
  publishableKey: string;
  /** The law the shop's visitors choose under (the demo's market: RU). */
  jurisdiction: string;
  /** The catalogue in each language, shipped with the page: the banner works from the first click, gateway or not. */
  catalogues: Partial<Record<Language, Catalogue>>;
}

const LANGUAGES: Language[] = ["ru", "en", "zh"];

/** `?lang=` (kept for the next pages), else the first of the browser's languages the shop speaks, else Russian. */
export function pageLanguage(): Language {
  const asked = new URLSearchParams(location.search).get("lang") ?? localStorage.getItem("shop-lang");
  const browser = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase());
  const language = [asked, ...browser].find((tag): tag is Language => LANGUAGES.includes(tag as Language)) ?? "ru";
  if (asked) localStorage.setItem("shop-lang", language);
  document.documentElement.lang = language;
  translatePage(language);
  return language;
}

/** A Google tag is added only after Consent Mode's defaults are in the data layer, as Google requires. */
function loadGoogleTag() {
  const script = document.createElement("script");
  script.src = "/google-tag.js";
  script.async = true;
  document.head.append(script);
}

export async function setUpShop() {
  const config = (await (await fetch("/api/config")).json()) as ShopConfig;
  const language = pageLanguage();
  const options = { url: config.gatewayUrl, token: config.publishableKey };
  const client = createStorefrontClient(options);
  // With an IAB CMP on the page (a shop that also runs one), its TC and GPP strings go with each choice.
  const manager = createConsentManager({
    ...options,
    storageKey: "custos-consent",
    jurisdiction: config.jurisdiction,
    signals: readCmpSignals,
  });
  installConsentMode(manager, { adsDataRedaction: true, urlPassthrough: false });
  loadGoogleTag();
  const ui = mountConsentUi({
    manager,
    client,
    language,
    cookiePolicyUrl: "/privacy.html#cookies",
    catalogue: config.catalogues[language],
  });
  activateScripts(manager);
  // Read back what this visitor chose before (on this device, or confirmed by the gateway); offline is fine.
  manager.refresh().then(
    () => {
      document.body.dataset.consentReadBack = "true";
    },
    () => {},
  );
  document.querySelector("[data-open-preferences]")?.addEventListener("click", () => void ui.openPreferences());
  // For the tests and the curious (devtools): whether a choice made here still waits for the gateway.
  const show = () => {
    document.body.dataset.consentPending = String(manager.snapshot().pending);
  };
  manager.onChange(show);
  show();
  return { config, language, client, manager, ui };
}
