/** Creates an element with attributes (`on…` functions become listeners) and children; the whole DOM helper of the UI. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (typeof value === "string") element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

let ids = 0;
/** A document-unique id for aria-labelledby and label-for links. */
export function uniqueId(prefix: string): string {
  ids += 1;
  return `custos-${prefix}-${ids}`;
}
