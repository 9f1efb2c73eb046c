import type { CookieCategory, Purpose, StorefrontClient } from "@custos/sdk/storefront";
import type { Language } from "./texts.ts";

/** What the UI lists: the cookie categories with vendors, and the purposes that need consent, in the UI's language. */
export interface Catalogue {
  categories: CookieCategory[];
  purposes: Purpose[];
}

export async function loadCatalogue(client: StorefrontClient, language: Language): Promise<Catalogue> {
  const [categories, purposes] = await Promise.all([client.cookies.catalogue(language), client.catalogue.purposes(language)]);
  return { categories, purposes: purposes.filter((purpose) => purpose.requiresConsent) };
}
