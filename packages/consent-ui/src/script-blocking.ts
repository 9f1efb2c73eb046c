import type { ConsentManager } from "@custos/sdk/storefront";

const BLOCKED = 'script[type="text/plain"][data-custos-category]';

/**
 * Script blocking: `<script type="text/plain" data-custos-category="analytics" src="…">` stays inert until the category
 * is allowed, then a live copy replaces it, without a reload. `data-custos-type` gives the live script's type (default:
 * classic script). A script runs once: withdrawing later stops nothing already run, so the page should reload then.
 * Tags added later (a tag manager adds them this way) are watched for and activated as soon as they are allowed.
 * Returns the unsubscribe.
 */
export function activateScripts(manager: ConsentManager, root: ParentNode = document): () => void {
  const activate = () => {
    for (const blocked of root.querySelectorAll<HTMLScriptElement>(BLOCKED)) {
      if (!manager.allows(blocked.dataset.custosCategory ?? "")) continue;
      const live = document.createElement("script");
      for (const { name, value } of blocked.attributes) if (name !== "type") live.setAttribute(name, value);
      const type = blocked.dataset.custosType;
      if (type) live.type = type;
      live.dataset.custosActivated = "";
      if (!blocked.src) live.text = blocked.text;
      blocked.replaceWith(live);
    }
  };
  activate();
  const observer = new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some((node) => node instanceof Element))) activate();
  });
  observer.observe(root, { childList: true, subtree: true });
  const unsubscribe = manager.onChange(activate);
  return () => {
    observer.disconnect();
    unsubscribe();
  };
}
