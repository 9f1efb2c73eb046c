import type { ConsentManager } from "@custos/sdk/storefront";
import type { Catalogue } from "./catalogue.ts";

/** A catalogue cookie name as a pattern: `_ga_<container-id>` stands for any `_ga_…`. */
function namePattern(name: string): RegExp {
  const parts = name.split(/<[^>]*>|\*/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`);
}

/** The host and each parent domain a cookie of this page may have been set for. */
function domainsOf(hostname: string): string[] {
  const labels = hostname.split(".");
  return labels.length < 2 ? [] : labels.slice(0, -1).map((_, index) => labels.slice(index).join("."));
}

/**
 * Removes the cookies the catalogue lists for the categories not allowed now (withdrawn, or never granted), on every
 * change and once at start: a withdrawal takes away what the category's vendors left behind. Only cookies this page
 * can see (not HttpOnly ones: those are the server's to clear). Returns the unsubscribe.
 */
export function removeWithdrawnCookies(manager: ConsentManager, catalogue: () => Catalogue | undefined): () => void {
  const remove = () => {
    const patterns = (catalogue()?.categories ?? [])
      .filter((category) => !category.required && !manager.allows(category.key))
      .flatMap((category) => category.vendors.flatMap((vendor) => vendor.cookies.map((cookie) => namePattern(cookie.name))));
    if (patterns.length === 0) return;
    const present = document.cookie.split(";").map((pair) => pair.split("=")[0]?.trim() ?? "");
    for (const name of present) {
      if (!name || !patterns.some((pattern) => pattern.test(name))) continue;
      const expired = `${name}=; Max-Age=0; path=/`;
      document.cookie = expired;
      for (const domain of domainsOf(location.hostname)) document.cookie = `${expired}; domain=${domain}`;
    }
  };
  remove();
  return manager.onChange(remove);
}
