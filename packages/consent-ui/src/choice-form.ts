import type { ConsentDecision, ConsentManager } from "@custos/sdk/storefront";
import type { Catalogue } from "./catalogue.ts";
import { h, uniqueId } from "./dom.ts";
import type { Texts } from "./texts.ts";

export interface ChoiceForm {
  element: HTMLElement;
  /** The decisions as the checkboxes show them. */
  read(): { cookies: Record<string, ConsentDecision>; purposes: Record<string, ConsentDecision> };
}

export type ChoiceKind = "cookies" | "purposes";

/**
 * One checkbox per optional cookie category (strictly necessary ones shown checked and disabled), its vendors and
 * cookies, and, with `withPurposes`, one per purpose that needs consent. Checked as the manager allows now; `more`
 * adds a control of the caller's to a row (the preference centre's receipt).
 */
export function choiceForm(
  manager: ConsentManager,
  catalogue: Catalogue,
  texts: Texts,
  withPurposes: boolean,
  more?: (kind: ChoiceKind, key: string, name: string) => Node | null,
): ChoiceForm {
  const boxes = new Map<string, { kind: ChoiceKind; input: HTMLInputElement }>();
  const row = (kind: ChoiceKind, key: string, name: string, description: string, required: boolean, extra?: Node) => {
    const id = uniqueId(key);
    const input = h("input", { type: "checkbox", id, "aria-describedby": `${id}-text` });
    input.checked = required || manager.allows(key);
    input.disabled = required;
    if (!required) boxes.set(key, { kind, input });
    return h(
      "div",
      { class: "custos-category", "data-custos-key": key },
      h("label", { for: id }, input, name, required ? ` (${texts.alwaysOn})` : ""),
      h("p", { id: `${id}-text` }, description),
      extra,
      more?.(kind, key, name),
    );
  };
  const vendorList = (vendors: Catalogue["categories"][number]["vendors"]) =>
    vendors.length === 0
      ? null
      : h(
          "details",
          {},
          h("summary", {}, `${texts.vendors} (${vendors.length})`),
          h(
            "ul",
            { class: "custos-vendors" },
            ...vendors.map((vendor) =>
              h(
                "li",
                {},
                vendor.privacyPolicyUrl
                  ? h("a", { href: vendor.privacyPolicyUrl, rel: "noopener", target: "_blank" }, vendor.name)
                  : vendor.name,
                ` (${vendor.country}): ${vendor.cookies.map((cookie) => `${cookie.name}, ${cookie.retention}`).join("; ")}`,
              ),
            ),
          ),
        );
  const element = h(
    "div",
    {},
    ...catalogue.categories.map((category) =>
      row("cookies", category.key, category.name, category.description, category.required, vendorList(category.vendors) ?? undefined),
    ),
    withPurposes && catalogue.purposes.length > 0 ? h("h3", {}, texts.purposesTitle) : null,
    ...(withPurposes ? catalogue.purposes.map((purpose) => row("purposes", purpose.key, purpose.name, purpose.description, false)) : []),
  );
  return {
    element,
    read: () => {
      const choice = { cookies: {} as Record<string, ConsentDecision>, purposes: {} as Record<string, ConsentDecision> };
      for (const [key, { kind, input }] of boxes) choice[kind][key] = input.checked ? "GRANTED" : "WITHDRAWN";
      return choice;
    },
  };
}

/** Every optional category (and, with `withPurposes`, consent-based purpose) at one decision: accept all, reject all. */
export function everything(catalogue: Catalogue, decision: ConsentDecision, withPurposes: boolean) {
  const all = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, decision]));
  return {
    cookies: all(catalogue.categories.filter((category) => !category.required).map((category) => category.key)),
    purposes: withPurposes ? all(catalogue.purposes.map((purpose) => purpose.key)) : {},
  };
}

/**
 * The part of `choice` that changes something: decisions that differ from what the manager allows now. A save writes
 * only what the person changed, not again what they left as it was (nor a withdrawal of what they never granted).
 */
export function changesOnly(manager: ConsentManager, choice: ReturnType<ChoiceForm["read"]>): ReturnType<ChoiceForm["read"]> {
  const differing = (decisions: Record<string, ConsentDecision>) =>
    Object.fromEntries(Object.entries(decisions).filter(([key, decision]) => (decision === "GRANTED") !== manager.allows(key)));
  return { cookies: differing(choice.cookies), purposes: differing(choice.purposes) };
}
