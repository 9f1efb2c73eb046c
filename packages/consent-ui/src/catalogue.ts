import type { CookieCategory, Purpose, StorefrontClient } from "@custos/sdk/storefront";
import type { Language } from "./texts.ts";

/** What the UI lists: the cookie categories with vendors, and the purposes that need consent, in the UI's language. */
export interface Catalogue {
  categories: CookieCategory[];
  purposes: Purpose[];
}

/** Fetches the catalogue from the gateway, e.g. on the shop's server to ship it with the page (`catalogue` option). */
export async function loadCatalogue(client: StorefrontClient, language: Language): Promise<Catalogue> {
  const [categories, purposes] = await Promise.all([client.cookies.catalogue(language), client.catalogue.purposes(language)]);
  return { categories, purposes: purposes.filter((purpose) => purpose.requiresConsent) };
}

export interface CatalogueSource {
  /** What is at hand now, without waiting: fetched on this page, shipped with it, or cached by an earlier one. */
  now(): Catalogue | undefined;
  /** The freshest one: fetched once per page (again after a failure), else what is at hand. */
  load(): Promise<Catalogue>;
}

/**
 * The catalogue the banner decides with, at hand from the first click: shipped with the page or cached in first-party
 * storage by an earlier page, and refreshed from the gateway in the background, so going offline (or a gateway outage
 * on a first visit, with a shipped catalogue) never leaves "Reject all" with nothing to reject.
 */
export function catalogueSource(
  client: StorefrontClient,
  language: Language,
  shipped: Catalogue | undefined,
  storage: Pick<Storage, "getItem" | "setItem"> | undefined,
): CatalogueSource {
  const cacheKey = `custos-catalogue:${language}`;
  let current = shipped ?? cached(storage?.getItem(cacheKey) ?? null);
  let fetching: Promise<Catalogue> | undefined;
  const load = () => {
    fetching ??= loadCatalogue(client, language).then(
      (fresh) => {
        current = fresh;
        storage?.setItem(cacheKey, JSON.stringify(fresh));
        return fresh;
      },
      (error: unknown) => {
        fetching = undefined;
        if (current) return current;
        throw error;
      },
    );
    return fetching;
  };
  return { now: () => current, load };
}

function cached(text: string | null): Catalogue | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Catalogue;
    return Array.isArray(value?.categories) && Array.isArray(value.purposes) ? value : undefined;
  } catch {
    return undefined;
  }
}
