/**
 * A run's view of one collection of the other app (its invoices, contacts, products), found by a
 * natural key (a purchase order number, an email, a product code). Built for APIs with a rate limit,
 * where the number of requests, not the CPU, sets how long a sync takes:
 *
 * - While the run needs only a few keys, each is looked up on its own (one filtered request), once.
 * - Once it needs `bulkFrom` keys or more, the whole collection is read instead, page by page, once
 *   per run, and every key (also those still to come) is answered from it without a request. The
 *   nodes announce the keys of each batch of records before they handle it (`expect`), so a large
 *   run reads in bulk from its first record on.
 *
 * What stays exact:
 * - A record this run makes is `remember`ed, so later records of the run find it. A key this run
 *   wrote to in a way the index cannot mirror is `forget`-ten: the next question asks the app again.
 * - The bulk read happens during the run, so it sees every record made before the run, by anyone.
 * - Paging reads a moving collection: a record renamed or booked while the pages are read can move
 *   from an unread page to a read one and be missed. So a bulk read waits for this run's writes to
 *   the collection in flight (`write`) to finish, and new ones wait for the read.
 */
import type { Rec } from '../../engine/record';
import { cached } from './run-cache';

/** How many keys of a collection a run needs before it reads the whole collection instead. */
export const BULK_FROM_KEYS = 10;

export interface CollectionIndexOptions<T> {
  /** Every record of the collection (all pages). */
  readAll(): Promise<T[]>;
  /** The keys a record is found by, as `find` is asked them (already normalised). */
  keysOf(item: T): string[];
  /** One key, looked up on its own (the app's filter): the records with it, in the app's order (none: []). */
  lookUp(key: string): Promise<T[]>;
  /** Of several records with one key, in the order the collection was read, the one a look-up would answer; default the first. */
  choose?(key: string, items: T[]): T | undefined;
  bulkFrom?: number;
}

export class CollectionIndex<T> {
  private readonly wanted = new Set<string>();
  private readonly perKey = new Map<string, Promise<T[]>>();
  private readonly made = new Map<string, T>();
  private readonly askAgain = new Set<string>();
  private readonly bulk = new Map<'all', Promise<{ byKey: Map<string, T[]>; items: T[] }>>();
  private writers = 0;
  private writesDone: Array<() => void> = [];
  private reading: Promise<unknown> | undefined;
  private readonly bulkFrom: number;

  constructor(private readonly opts: CollectionIndexOptions<T>) {
    this.bulkFrom = opts.bulkFrom ?? BULK_FROM_KEYS;
  }

  /** Keys records coming soon will ask for: a run that needs many reads the collection once instead. */
  expect(keys: Iterable<string>): void {
    for (const key of keys) if (key) this.wanted.add(key);
  }

  /** Whether the whole collection is (being) read: every key is then answered without a request. */
  get readsInBulk(): boolean {
    return this.bulk.has('all') || this.wanted.size >= this.bulkFrom;
  }

  /** The record with this key (of several, the one `choose` picks), or null. */
  async find(key: string): Promise<T | null> {
    return this.made.get(key) ?? this.choose(key, await this.findAll(key)) ?? null;
  }

  /** Every record with this key, in the order the app gives them. */
  async findAll(key: string): Promise<T[]> {
    const made = this.made.get(key);
    if (made) return [made];
    this.wanted.add(key);
    if (this.readsInBulk && !this.askAgain.has(key)) {
      const { byKey } = await this.all();
      const mine = this.made.get(key);
      if (mine) return [mine];
      // Forgotten while the collection was read: asked again below.
      if (!this.askAgain.has(key)) return byKey.get(key) ?? [];
    }
    return cached(this.perKey, key, () => this.opts.lookUp(key));
  }

  /** A record this run made: later records of the run find it. */
  remember(key: string, item: T): void {
    this.made.set(key, item);
    this.askAgain.delete(key);
  }

  /** After a write the index cannot mirror: the next question for this key asks the app. */
  forget(key: string): void {
    this.made.delete(key);
    this.perKey.delete(key);
    this.askAgain.add(key);
  }

  /** Runs a write to the collection; it waits while the collection is read in bulk, and a bulk read waits for it. */
  async write<R>(send: () => Promise<R>): Promise<R> {
    while (this.reading) await this.reading.catch(() => undefined);
    this.writers++;
    try {
      return await send();
    } finally {
      this.writers--;
      if (this.writers === 0) for (const wake of this.writesDone.splice(0)) wake();
    }
  }

  /** Every record read in bulk (it reads them now if it has not yet), in the order they were read. */
  async records(): Promise<T[]> {
    return (await this.all()).items;
  }

  private choose(key: string, items: T[]): T | undefined {
    return this.opts.choose ? this.opts.choose(key, items) : items[0];
  }

  private all(): Promise<{ byKey: Map<string, T[]>; items: T[] }> {
    return cached(this.bulk, 'all', async () => {
      const read = (async () => {
        if (this.writers > 0) await new Promise<void>((resolve) => this.writesDone.push(resolve));
        const byKey = new Map<string, T[]>();
        const items = await this.opts.readAll();
        for (const item of items) {
          for (const key of new Set(this.opts.keysOf(item))) {
            const list = byKey.get(key);
            if (list) list.push(item);
            else byKey.set(key, [item]);
          }
        }
        return { byKey, items };
      })();
      this.reading = read;
      try {
        return await read;
      } finally {
        if (this.reading === read) this.reading = undefined;
      }
    });
  }
}

/** The keys a batch of records will ask for; a record whose keys cannot be told adds none (it fails on its own when handled). */
export async function keysOfBatch(batch: readonly Rec[], keysOf: (rec: Rec) => Promise<Iterable<string>> | Iterable<string>): Promise<string[]> {
  const keys = await Promise.all(
    batch.map(async (rec) => {
      try {
        return [...(await keysOf(rec))];
      } catch {
        return [];
      }
    }),
  );
  return keys.flat();
}
