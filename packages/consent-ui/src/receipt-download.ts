import type { StorefrontClient } from "@custos/sdk/storefront";
import type { ChoiceKind } from "./choice-form.ts";
import { h } from "./dom.ts";
import type { Texts } from "./texts.ts";

/** The event behind each current decision, as the gateway has it: `cookies:<key>` or `purposes:<key>` to its id. */
export async function decisionEvents(client: StorefrontClient, subjectId: string): Promise<Map<string, string>> {
  const { purposes, cookieCategories } = await client.consent.get(subjectId);
  const events = new Map<string, string>();
  for (const entry of purposes) if (entry.eventId) events.set(`purposes:${entry.purpose.key}`, entry.eventId);
  for (const entry of cookieCategories) if (entry.eventId) events.set(`cookies:${entry.category.key}`, entry.eventId);
  return events;
}

/**
 * A button that saves the decision's signed receipt (custos-signed-receipt/1) as a JSON file: the person's own proof,
 * which anyone can verify offline with `@custos/sdk/verify`. `onFailure` is told when the gateway cannot give it.
 */
export function receiptButton(
  client: StorefrontClient,
  subjectId: string,
  target: { kind: ChoiceKind; key: string; name: string; eventId: string },
  texts: Texts,
  onFailure: () => void,
) {
  const download = async () => {
    try {
      const receipt = await client.consent.signedReceipt(subjectId, target.eventId);
      const url = URL.createObjectURL(new Blob([JSON.stringify(receipt, null, 2)], { type: "application/json" }));
      const link = h("a", { href: url, download: `consent-receipt-${target.key}-${target.eventId}.json`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser reads the file after the click returns: the URL is let go a minute later, not at once.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      onFailure();
    }
  };
  return h(
    "button",
    {
      type: "button",
      class: "custos-receipt",
      "data-custos-action": "receipt",
      "aria-label": `${texts.downloadReceipt}: ${target.name}`,
      onclick: () => void download(),
    },
    texts.downloadReceipt,
  );
}
