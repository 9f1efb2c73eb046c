import type { ConsentManager, StorefrontClient } from "@custos/sdk/storefront";
import { type Catalogue, catalogueSource } from "./catalogue.ts";
import { everything } from "./choice-form.ts";
import { removeWithdrawnCookies } from "./cookie-removal.ts";
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
  /**
   * The catalogue in `language` shipped with the page (`loadCatalogue` on the shop's server): a new visitor can then
   * choose during a gateway outage. Without it, the catalogue one page fetched is cached for the next in `storage`.
   */
  catalogue?: Catalogue;
  /** Where the fetched catalogue is cached; `localStorage` by default. */
  storage?: Pick<Storage, "getItem" | "setItem">;
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
  const catalogue = catalogueSource(client, language, options.catalogue, options.storage ?? globalThis.localStorage);
  // Fetched at once, not on the first click: a click must not wait for (or fail on) the network.
  void catalogue.load().catch(() => {});
  const stopRemoving = removeWithdrawnCookies(manager, catalogue.now);
  /**
   * Applied and stored in the click's own task, before any round trip. With no catalogue at hand at all (a first visit,
   * offline, nothing shipped), the decision is kept at once (nothing optional is allowed without it) and spelled out
   * per category as soon as the catalogue arrives.
   */
  const decideAll = (decision: "GRANTED" | "WITHDRAWN") => {
    const decide = (known: Catalogue) => manager.choose({ ...everything(known, decision, false), channel: "BANNER" });
    const known = catalogue.now();
    if (known) return decide(known);
    manager.choose({ channel: "BANNER" });
    catalogue.load().then(decide, () => {});
  };
  const openPreferences = async () => {
    const known = catalogue.now() ?? (await catalogue.load().catch(() => undefined));
    if (known) openPreferencesDialog({ manager, catalogue: known, texts, cookiePolicyUrl, container });
  };

  const titleId = uniqueId("banner-title");
  const banner = h(
    "section",
    { class: "custos-banner", role: "region", "aria-labelledby": titleId, "data-custos": "banner" },
    h("h2", { id: titleId }, texts.bannerTitle),
    h("p", {}, texts.bannerBody, " ", h("a", { href: cookiePolicyUrl }, texts.cookiePolicy)),
    h(
      "div",
      { class: "custos-actions" },
      h("button", { type: "button", "data-custos-action": "accept-all", onclick: () => decideAll("GRANTED") }, texts.acceptAll),
      h("button", { type: "button", "data-custos-action": "reject-all", onclick: () => decideAll("WITHDRAWN") }, texts.rejectAll),
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
      stopRemoving();
      banner.remove();
    },
  };
}
