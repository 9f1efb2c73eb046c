import type { ConsentManager } from "@custos/sdk/storefront";
import type { Catalogue } from "./catalogue.ts";
import { changesOnly, choiceForm, everything } from "./choice-form.ts";
import { h, uniqueId } from "./dom.ts";
import { trapFocus } from "./focus-trap.ts";
import type { Texts } from "./texts.ts";

interface DialogOptions {
  manager: ConsentManager;
  catalogue: Catalogue;
  texts: Texts;
  cookiePolicyUrl: string;
  container: HTMLElement;
}

/** The preferences dialog: modal, focus kept inside it until closed (Escape closes), one checkbox per category. */
export function openPreferencesDialog({ manager, catalogue, texts, cookiePolicyUrl, container }: DialogOptions) {
  const titleId = uniqueId("dialog-title");
  const form = choiceForm(manager, catalogue, texts, false);
  // A first choice is recorded for every category; a later one (the footer's "Cookie settings") only where it changes.
  const decide = (choice: ReturnType<typeof form.read>) => {
    manager.choose({ ...(manager.snapshot().decided ? changesOnly(manager, choice) : choice), channel: "BANNER" });
    close();
  };
  const dialog = h(
    "div",
    { class: "custos-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, "data-custos": "preferences" },
    h("h2", { id: titleId }, texts.dialogTitle),
    h("p", {}, texts.dialogBody, " ", h("a", { href: cookiePolicyUrl }, texts.cookiePolicy)),
    form.element,
    h(
      "div",
      { class: "custos-actions" },
      h("button", { type: "button", "data-custos-action": "save", onclick: () => decide(form.read()) }, texts.save),
      h(
        "button",
        { type: "button", "data-custos-action": "accept-all", onclick: () => decide(everything(catalogue, "GRANTED", false)) },
        texts.acceptAll,
      ),
      h(
        "button",
        { type: "button", "data-custos-action": "reject-all", onclick: () => decide(everything(catalogue, "WITHDRAWN", false)) },
        texts.rejectAll,
      ),
      h("button", { type: "button", class: "custos-secondary", "data-custos-action": "close", onclick: () => close() }, texts.close),
    ),
  );
  const backdrop = h("div", { class: "custos-backdrop" }, dialog);
  container.append(backdrop);
  const release = trapFocus(dialog, () => close());
  function close() {
    release();
    backdrop.remove();
  }
}
