import type { TenantScopedPrisma } from "@custos/db";
import { type ShortLivedCache, shortLivedCache } from "../ground/short-lived.ts";

/**
 * The catalogue (purposes, cookie categories, policy versions) changes with a seed or a policy publication, yet every
 * page and every consent check reads it: a tenant's reads are shared for a second. A publication through this process
 * forgets them at once (`forgetCatalogue`); a seed or another gateway's publication shows within the second.
 * Cached per tenant-scoped client (one per database and tenant), so a tenant only ever sees its own rows.
 */
const CATALOGUE_TTL_MS = 1_000;
const caches = new WeakMap<TenantScopedPrisma, ShortLivedCache<string, unknown>>();

function cacheOf(db: TenantScopedPrisma): ShortLivedCache<string, unknown> {
  let cache = caches.get(db);
  if (!cache) {
    cache = shortLivedCache(CATALOGUE_TTL_MS);
    caches.set(db, cache);
  }
  return cache;
}

/** One catalogue read, shared; `key` names the read and its selection. The rows are shared too: never change them. */
export function cachedCatalogue<T>(db: TenantScopedPrisma, key: string, load: () => Promise<T>): Promise<T> {
  return cacheOf(db).get(key, load) as Promise<T>;
}

/** A catalogue read kept earlier, if still fresh; for answers worth keeping only once they exist (http/public-answers.ts). */
export function peekCatalogue<T>(db: TenantScopedPrisma, key: string): Promise<T> | undefined {
  return cacheOf(db).peek(key) as Promise<T> | undefined;
}

export function keepCatalogue<T>(db: TenantScopedPrisma, key: string, value: T): void {
  cacheOf(db).set(key, value);
}

/** After a catalogue change through this process: the next read goes to the database. */
export function forgetCatalogue(db: TenantScopedPrisma): void {
  caches.get(db)?.clear();
}
