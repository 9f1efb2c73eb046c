// What every page of the demo shop does first: find the gateway, know the visitor, show the banner, unblock scripts.
import { activateScripts, type Language, mountConsentUi } from "@custos/consent-ui";
import { createConsentManager, createStorefrontClient } from "@custos/sdk/storefront";

export interface ShopConfig {
  gatewayUrl: string;
  publishableKey: string;
}

export function pageLanguage(): Language {
  const asked = new URLSearchParams(location.search).get("lang") ?? localStorage.getItem("shop-lang");
  const language: Language = asked === "en" ? "en" : "ru";
  localStorage.setItem("shop-lang", language);
  document.documentElement.lang = language;
  return language;
}

export async function setUpShop() {
  const config = (await (await fetch("/api/config")).json()) as ShopConfig;
  const language = pageLanguage();
  const options = { url: config.gatewayUrl, token: config.publishableKey };
  const client = createStorefrontClient(options);
  const manager = createConsentManager({ ...options, storageKey: "custos-consent" });
  const ui = mountConsentUi({ manager, client, language, cookiePolicyUrl: "/privacy.html#cookies" });
  activateScripts(manager);
  // Read back what this visitor chose before (on this device, or confirmed by the gateway); offline is fine.
  manager.refresh().then(
    () => {
      document.body.dataset.consentReadBack = "true";
    },
    () => {},
  );
  document.querySelector("[data-open-preferences]")?.addEventListener("click", () => void ui.openPreferences());
  const status = document.querySelector<HTMLElement>("[data-consent-status]");
  const show = () => {
    const { pending, choices } = manager.snapshot();
    if (status) status.textContent = `${JSON.stringify(choices.cookies)}${pending ? " (pending)" : ""}`;
    document.body.dataset.consentPending = String(pending);
  };
  manager.onChange(show);
  show();
  return { config, language, client, manager, ui };
}
