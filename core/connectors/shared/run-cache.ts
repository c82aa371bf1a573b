/** Small helpers for per-run work of the connectors' nodes: a cache of answers by key, one read for many ids, and a bounded parallel map. */

/** A failed answer is forgotten, so the next record asks again. */
export function cached<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  const known = cache.get(key);
  if (known) return known;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => {
    if (cache.get(key) === loading) cache.delete(key);
  });
  return loading;
}

/** Maps with at most `limit` calls in flight, keeping the order (the rate limiter paces them). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await map(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Records read by id, many ids a request (`read` gets at most `perRequest` ids and returns the
 * records it found), each id once per run. `preload` reads those of a batch not read yet; `get`
 * gives one (null when the app does not have it), reading it if no preload did. A failed read is
 * forgotten, so the next one asks again.
 */
export function byIds<T>(read: (ids: string[]) => Promise<Array<T & { id: string }>>, perRequest: number) {
  const known = new Map<string, Promise<T | null>>();
  const preload = async (ids: string[]): Promise<void> => {
    const wanted = [...new Set(ids)].filter((id) => !known.has(id));
    const reads: Promise<unknown>[] = [];
    for (let i = 0; i < wanted.length; i += perRequest) {
      const chunk = wanted.slice(i, i + perRequest);
      const found = read(chunk).then((items) => new Map(items.map((item) => [item.id, item])));
      for (const id of chunk) {
        const one = found.then((all) => all.get(id) ?? null);
        known.set(id, one);
        one.catch(() => known.get(id) === one && known.delete(id));
      }
      reads.push(found);
    }
    await Promise.all(reads);
  };
  const get = async (id: string): Promise<T | null> => {
    await preload([id]);
    return (await known.get(id)) ?? null;
  };
  return { preload, get };
}
