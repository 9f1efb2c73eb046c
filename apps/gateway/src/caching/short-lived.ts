/**
 * Values shared by the requests of the next `ttlMs`: a read that every request makes (a key's row, the catalogue) is
 * made once per interval instead. A change made through this process forgets its entries at once (`forget`); one
 * made by another process is seen within `ttlMs`. Concurrent misses share one load; a failed load is not kept.
 * Timed with the monotonic clock, so the tests' moved `Date` neither keeps nor drops entries.
 */
export interface ShortLivedCache<K, V> {
  get(key: K, load: () => Promise<V>): Promise<V>;
  forget(key: K): void;
  clear(): void;
}

export function shortLivedCache<K, V>(ttlMs: number, maxEntries = 10_000): ShortLivedCache<K, V> {
  const entries = new Map<K, { loadedAt: number; value: Promise<V> }>();
  return {
    get(key, load) {
      const entry = entries.get(key);
      if (entry && performance.now() - entry.loadedAt < ttlMs) return entry.value;
      if (entries.size >= maxEntries) entries.clear();
      const value = load();
      entries.set(key, { loadedAt: performance.now(), value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    forget: (key) => entries.delete(key),
    clear: () => entries.clear(),
  };
}
