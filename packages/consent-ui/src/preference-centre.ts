import type { ConsentManager, StorefrontClient } from "@custos/sdk/storefront";
import { catalogueSource } from "./catalogue.ts";
import { type ChoiceKind, changesOnly, choiceForm, everything } from "./choice-form.ts";
import { h, uniqueId } from "./dom.ts";
import { decisionEvents, receiptButton } from "./receipt-download.ts";
import { injectStyles } from "./styles.ts";
import { type Language, TEXTS } from "./texts.ts";

export interface PreferenceCentreOptions {
  /**
   * The person's manager: for a signed-in shopper `subjectId` their customer id and `token` their session; for a
   * visitor, the page's own (its visitor id, the storefront's key).
   */
  manager: ConsentManager;
  /** With the same credentials as `manager`: it reads the decisions' events and fetches their signed receipts. */
  client: StorefrontClient;
  language: Language;
}

/** Receipts are offered for decisions the gateway has; without it, none (the choices still work). */
const noEvents = () => new Map<string, string>();

/**
 * The person's preference centre, inside `container`: cookie categories and consent-based purposes as the gateway has
 * them, saved as PREFERENCE_CENTRE decisions; withdrawing all is one button, as granting is. Each recorded decision
 * offers its signed receipt for download. A signed-in shopper's manager and client carry their session; a visitor's,
 * the storefront's key.
 */
export async function mountPreferenceCentre(container: HTMLElement, { manager, client, language }: PreferenceCentreOptions) {
  const texts = TEXTS[language];
  injectStyles();
  const [catalogue, , recorded] = await Promise.all([
    catalogueSource(client, language, undefined, globalThis.localStorage).load(),
    manager.refresh().catch(() => {}),
    decisionEvents(client, manager.subjectId).catch(noEvents),
  ]);
  let events = recorded;
  const titleId = uniqueId("centre-title");
  const status = h("p", { class: "custos-status", role: "status", "aria-live": "polite" });
  const receipt = (kind: ChoiceKind, key: string, name: string) => {
    const eventId = events.get(`${kind}:${key}`);
    const failed = () => {
      status.textContent = texts.receiptFailed;
    };
    return eventId ? receiptButton(client, manager.subjectId, { kind, key, name, eventId }, texts, failed) : null;
  };
  let form = choiceForm(manager, catalogue, texts, true, receipt);
  // Checkboxes follow the state: a choice saved here or read back from the gateway; receipts, the decisions recorded.
  const redraw = () => {
    const next = choiceForm(manager, catalogue, texts, true, receipt);
    form.element.replaceWith(next.element);
    form = next;
  };
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
  // A choice confirmed (here, in the banner, in another tab) is a new event: its receipt replaces the one before.
  let confirmedAt = manager.snapshot().confirmedAt;
  manager.onChange((snapshot) => {
    redraw();
    if (snapshot.confirmedAt === confirmedAt) return;
    confirmedAt = snapshot.confirmedAt;
    decisionEvents(client, manager.subjectId).then((recorded) => {
      events = recorded;
      redraw();
    }, noEvents);
  });
  container.replaceChildren(section);
}
