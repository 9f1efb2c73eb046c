import type { ConsentManager, StorefrontClient } from "@custos/sdk/storefront";
import { type Catalogue, loadCatalogue } from "./catalogue.ts";
import { everything } from "./choice-form.ts";
import { h, uniqueId } from "./dom.ts";
import { openPreferencesDialog } from "./preferences-dialog.ts";
import { injectStyles } from "./styles.ts";
import { type Language, TEXTS } from "./texts.ts";

export interface ConsentUiOptions {
  manager: ConsentManager;
  client: StorefrontClient;
  language: Language;
  /** The cookie policy's page, linked from the banner and the dialog. */
  cookiePolicyUrl: string;
  /** Where the banner and dialog are added; `document.body` by default. */
  container?: HTMLElement;
}

export interface ConsentUi {
  /** Opens the preferences dialog, e.g. from a "Cookie settings" link in the footer. */
  openPreferences(): Promise<void>;
  destroy(): void;
}

/**
 * The banner, shown until the person has chosen (and again when a policy change asks for renewal): "Accept all" and
 * "Reject all" side by side, the same size and weight, and "Choose" for the preferences dialog.
 */
export function mountConsentUi(options: ConsentUiOptions): ConsentUi {
  const { manager, client, language, cookiePolicyUrl, container = document.body } = options;
  const texts = TEXTS[language];
  injectStyles();
  let catalogue: Promise<Catalogue> | undefined;
  const catalogueOnce = () => {
    catalogue ??= loadCatalogue(client, language).catch((error: unknown) => {
      catalogue = undefined;
      throw error;
    });
    return catalogue;
  };
  const decideAll = async (decision: "GRANTED" | "WITHDRAWN") =>
    manager.choose({ ...everything(await catalogueOnce(), decision, false), channel: "BANNER" });
  const openPreferences = async () =>
    openPreferencesDialog({ manager, catalogue: await catalogueOnce(), texts, cookiePolicyUrl, container });

  const titleId = uniqueId("banner-title");
  const banner = h(
    "section",
    { class: "custos-banner", role: "region", "aria-labelledby": titleId, "data-custos": "banner" },
    h("h2", { id: titleId }, texts.bannerTitle),
    h("p", {}, texts.bannerBody, " ", h("a", { href: cookiePolicyUrl }, texts.cookiePolicy)),
    h(
      "div",
      { class: "custos-actions" },
      h("button", { type: "button", "data-custos-action": "accept-all", onclick: () => void decideAll("GRANTED") }, texts.acceptAll),
      h("button", { type: "button", "data-custos-action": "reject-all", onclick: () => void decideAll("WITHDRAWN") }, texts.rejectAll),
      h(
        "button",
        { type: "button", class: "custos-secondary", "data-custos-action": "settings", onclick: () => void openPreferences() },
        texts.settings,
      ),
    ),
  );
  const render = () => {
    const show = !manager.snapshot().decided;
    if (show && !banner.isConnected) container.append(banner);
    if (!show) banner.remove();
  };
  const unsubscribe = manager.onChange(render);
  render();
  return {
    openPreferences,
    destroy: () => {
      unsubscribe();
      banner.remove();
    },
  };
}
