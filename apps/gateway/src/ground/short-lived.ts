/**
 * Values shared by the requests of the next `ttlMs`: a read that every request makes (a key's row, the catalogue) is
 * made once per interval instead. A change made through this process forgets its entries at once (`forget`); one
 * made by another process is seen within `ttlMs`. Concurrent misses share one load; a failed load is not kept.
 * Timed with the monotonic clock, so the tests' moved `Date` neither keeps nor drops entries.
 */
export interface ShortLivedCache<K, V> {
  get(key: K, load: () => Promise<V>): Promise<V>;
  /** The value kept for `key` if it is still fresh; never loads. */
  peek(key: K): Promise<V> | undefined;
  /** Keeps a value made elsewhere, for values whose worth keeping is known only once they exist. */
  set(key: K, value: V): void;
  forget(key: K): void;
  clear(): void;
}

export function shortLivedCache<K, V>(ttlMs: number, maxEntries = 10_000): ShortLivedCache<K, V> {
  const entries = new Map<K, { loadedAt: number; value: Promise<V> }>();
  const fresh = (key: K) => {
    const entry = entries.get(key);
    return entry && performance.now() - entry.loadedAt < ttlMs ? entry.value : undefined;
  };
  const keep = (key: K, value: Promise<V>) => {
    if (entries.size >= maxEntries) entries.clear();
    entries.set(key, { loadedAt: performance.now(), value });
  };
  return {
    get(key, load) {
      const kept = fresh(key);
      if (kept) return kept;
      const value = load();
      keep(key, value);
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    peek: fresh,
    set: (key, value) => keep(key, Promise.resolve(value)),
    forget: (key) => entries.delete(key),
    clear: () => entries.clear(),
  };
}
