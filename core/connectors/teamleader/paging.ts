/**
 * Paging through Teamleader lists: `page: { size, number }`, 1-based ([S]). The end is a short or
 * empty page; `meta.matches` is never relied on (most lists do not even send it).
 *
 * One extra guard: if a server ignored `page` (products.list has no `page` in the blueprint, only in
 * the newer portal), page 2 would repeat page 1 forever. A page that holds only ids of the previous
 * page therefore ends the listing.
 */

/** The page size the client asks for; third-party clients all cap at 100 ([T]), nothing official says more. */
export const defaultPageSize = 100;

export async function* paginate<T extends { id: string }>(
  fetchPage: (page: { size: number; number: number }) => Promise<T[]>,
  size: number = defaultPageSize,
): AsyncGenerator<T, void, undefined> {
  let previous = new Set<string>();
  for (let number = 1; ; number++) {
    const items = await fetchPage({ size, number });
    if (items.length > 0 && items.every((item) => previous.has(item.id))) return;
    yield* items;
    if (items.length < size) return;
    previous = new Set(items.map((item) => item.id));
  }
}

/** Collects an async generator into an array (Array.fromAsync is Node 22+). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
