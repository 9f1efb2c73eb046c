import type { ConsentManager, StorefrontClient } from "@custos/sdk/storefront";
import { catalogueSource } from "./catalogue.ts";
import { changesOnly, choiceForm, everything } from "./choice-form.ts";
import { h, uniqueId } from "./dom.ts";
import { injectStyles } from "./styles.ts";
import { type Language, TEXTS } from "./texts.ts";

export interface PreferenceCentreOptions {
  /** A manager for the signed-in shopper: `subjectId` their customer id, `token` their session. */
  manager: ConsentManager;
  client: StorefrontClient;
  language: Language;
}

/**
 * The signed-in shopper's preference centre, inside `container`: cookie categories and consent-based purposes as the
 * gateway has them, saved as PREFERENCE_CENTRE decisions; withdrawing all is one button, as granting is.
 */
export async function mountPreferenceCentre(container: HTMLElement, { manager, client, language }: PreferenceCentreOptions) {
  const texts = TEXTS[language];
  injectStyles();
  const [catalogue] = await Promise.all([
    catalogueSource(client, language, undefined, globalThis.localStorage).load(),
    manager.refresh().catch(() => {}),
  ]);
  const titleId = uniqueId("centre-title");
  const status = h("p", { class: "custos-status", role: "status", "aria-live": "polite" });
  let form = choiceForm(manager, catalogue, texts, true);
  const decide = (choice: ReturnType<typeof form.read>) => {
    const changes = changesOnly(manager, choice);
    if (Object.keys(changes.cookies).length + Object.keys(changes.purposes).length === 0) {
      status.textContent = texts.unchanged;
      return;
    }
    manager.choose({ ...changes, channel: "PREFERENCE_CENTRE" });
    manager.flush().then(
      () => {
        status.textContent = texts.saved;
      },
      () => {
        status.textContent = texts.pending;
      },
    );
  };
  const section = h(
    "section",
    { "aria-labelledby": titleId, "data-custos": "preference-centre" },
    h("h2", { id: titleId }, texts.centreTitle),
    h("p", {}, texts.centreBody),
    manager.snapshot().gpc ? h("p", {}, texts.gpcOn) : null,
    form.element,
    h(
      "div",
      { class: "custos-actions" },
      h("button", { type: "button", "data-custos-action": "save", onclick: () => decide(form.read()) }, texts.save),
      h(
        "button",
        { type: "button", "data-custos-action": "withdraw-all", onclick: () => decide(everything(catalogue, "WITHDRAWN", true)) },
        texts.withdrawAll,
      ),
    ),
    status,
  );
  // Checkboxes follow the state: a choice saved here or read back from the gateway.
  manager.onChange(() => {
    const next = choiceForm(manager, catalogue, texts, true);
    form.element.replaceWith(next.element);
    form = next;
  });
  container.replaceChildren(section);
}
