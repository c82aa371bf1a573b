/**
 * What the Teamleader sources share: read what changed since the last run, page by page, with
 * Teamleader's `updated_since` (inclusive). The node's cursor `updatedSince` keeps the newest
 * `updated_at` that was read, not the time of the run: a record changed while the pages were read
 * then still counts as changed next time, and a clock difference between this computer and
 * Teamleader loses nothing. The filter is inclusive and Teamleader's times have whole seconds, so
 * the ids read at that newest second are kept too (`updatedSinceIds`) and not read again, unless
 * they changed since. The sources `rereadsFailed`: the engine keeps the cursor after a partial run
 * too, and the records that failed are read again by id at the start of the next run (each source
 * says how, with `rereadListed` / `rereadEach`). Reading writes nothing, so sources read in dry
 * runs too.
 */
import { z } from 'zod';
import { emit, type Outcome } from '../../../engine/record';
import { ui, type NodeRunContext } from '../../../nodes/define-node';
import { mapLimited } from '../../shared/run-cache';
import { rereadFailed, type KeyedRecord } from '../../shared/reread-failed';
import { TeamleaderNotFoundError } from '../errors';
import { DATETIME_RE, toTeamleaderDateTime } from '../schemas-common';
import { connectionField } from './connection-field';

export const UPDATED_SINCE = 'updatedSince';
export const UPDATED_SINCE_IDS = 'updatedSinceIds';

/** Teamleader reads up to 100 per page; records go on in batches no larger than that. */
const MAX_BATCH = 100;

export type FirstRun = 'everything' | 'from-now';

export const changesConfig = (plural: string) => ({
  connection: connectionField,
  firstRun: z
    .enum(['everything', 'from-now'])
    .default('everything')
    .meta(ui({ label: 'On the first run, read', help: `everything: all ${plural} there are; from-now: only ${plural} changed after the first run.` })),
});

export interface Changed {
  id: string;
  updated_at?: string | null | undefined;
}

export interface ChangeReader<T extends Changed> {
  /** One record, for the log: "invoice". */
  what: string;
  /** The items changed since `since` (everything when undefined), page by page. */
  items(since: string | undefined): AsyncIterable<T>;
  /** False when the list cannot filter by date (quotations): the items are compared here. */
  filtersBySince: boolean;
  /** The record data of a batch of items, e.g. with details read per item. */
  complete(items: T[]): Promise<unknown[]>;
  /** The records of these ids as a normal read makes them (see rereadListed / rereadEach). */
  reread: Reread;
  /**
   * Items read besides the changes, whatever their change date, after them (`read`: the ids this
   * run reads already): a company one of whose people changed. They do not move the cursor.
   */
  alsoRead?(since: string | undefined, read: ReadonlySet<string>): AsyncIterable<T>;
}

/** Reads records again by id, for the records that failed last time; an id Teamleader no longer has is left out. */
export type Reread = (ids: string[]) => Promise<KeyedRecord[]>;

/** Reads again with the list's `filter.ids` (one request for up to 100), completed like the changes. */
export function rereadListed<T extends Changed>(list: (ids: string[]) => AsyncIterable<T>, complete: (items: T[]) => Promise<unknown[]>): Reread {
  return async (ids) => {
    const items: T[] = [];
    for await (const item of list(ids)) items.push(item);
    const data = await complete(items);
    return items.map((item, i) => ({ key: item.id, data: data[i] }));
  };
}

/**
 * Reads again one by one with the `.info` a normal read completes its items with: `fetch` reads the
 * record (a 404 there means it was deleted), `complete` adds what a normal read adds (a 404 there,
 * e.g. of its customer, is an error like in a normal read).
 */
export function rereadEach<I>(fetch: (id: string) => Promise<I>, complete: (info: I) => Promise<unknown>): Reread {
  return async (ids) => {
    const found = await mapLimited(ids, 4, async (id) => {
      try {
        return { key: id, info: await fetch(id) };
      } catch (error) {
        if (error instanceof TeamleaderNotFoundError) return undefined;
        throw error;
      }
    });
    const present = found.filter((f) => f !== undefined);
    return mapLimited(present, 4, async (f) => ({ key: f.key, data: await complete(f.info) }));
  };
}

const epoch = (stamp: string | null | undefined) => (stamp ? Date.parse(stamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN);

/** The failed records of the last run, read again, then the changes without them. */
export async function* readChanges<T extends Changed>(ctx: NodeRunContext<{ firstRun: FirstRun }>, reader: ChangeReader<T>): AsyncGenerator<Outcome[]> {
  const size = Math.max(1, Math.min(ctx.batchSize, MAX_BATCH));
  const reread = yield* rereadFailed(ctx, { what: reader.what, app: 'Teamleader', keysPerRead: size, read: (ids) => reader.reread(ids) });
  // A retry reads the failed records of the run it retries, and no changes (the cursor stays).
  if (!ctx.retrying) yield* readChanged(ctx, reader, size, reread);
}

async function* readChanged<T extends Changed>(ctx: NodeRunContext<{ firstRun: FirstRun }>, reader: ChangeReader<T>, size: number, reread: ReadonlySet<string>): AsyncGenerator<Outcome[]> {
  const cursor = new ChangeCursor(ctx, reader.what);
  if (cursor.since === undefined && ctx.config.firstRun === 'from-now') {
    // Kept when the run succeeds, so the next run continues from here.
    ctx.cursor.set(UPDATED_SINCE, toTeamleaderDateTime(Date.now()));
    return;
  }
  const records = async (items: T[]): Promise<Outcome[]> => {
    const data = await reader.complete(items);
    return items.map((item, i) => emit(ctx.newRecord(item.id, data[i]), data[i]));
  };
  /** What this run reads: the changes, then what is read besides them; each once. */
  async function* toRead(): AsyncGenerator<T> {
    const seen = new Set<string>();
    const read = new Set<string>(reread);
    for await (const item of reader.items(cursor.since)) {
      // Seen twice: it changed while the pages were read and moved; the next run reads its change.
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      if (!cursor.take(item, !reader.filtersBySince) || read.has(item.id)) continue;
      read.add(item.id);
      yield item;
    }
    for await (const item of reader.alsoRead?.(cursor.since, read) ?? []) {
      if (read.has(item.id)) continue;
      read.add(item.id);
      yield item;
    }
  }

  let batch: T[] = [];
  for await (const item of toRead()) {
    batch.push(item);
    if (batch.length >= size) {
      yield await records(batch);
      batch = [];
    }
  }
  if (batch.length) yield await records(batch);
  cursor.save();
}

/**
 * Where a listing of changes stands: `since` (the newest `updated_at` read, stored under `names`)
 * and the ids read at that second. `take` says whether an item is a change to read and counts it;
 * `save` stores where the listing got to (the node's cursors are kept when its run succeeds).
 */
export class ChangeCursor {
  readonly since: string | undefined;
  private readonly sinceMs: number;
  private readonly readAtSince: ReadonlySet<string>;
  private newest: string | undefined;
  private newestMs: number;
  private atNewest: Set<string>;

  /** `from`: where to start when nothing is stored yet (else everything is read). */
  constructor(
    private readonly ctx: NodeRunContext<unknown>,
    what: string,
    private readonly names = { since: UPDATED_SINCE, ids: UPDATED_SINCE_IDS },
    from?: { since: string; ids: string[] },
  ) {
    const stored = ctx.cursor.get(names.since);
    if (stored !== undefined && DATETIME_RE.test(stored)) this.since = stored;
    else if (stored !== undefined) ctx.log('warn', `the stored change date "${stored}" of the ${what} changes is not a date and time; reading everything`);
    else this.since = from?.since;
    this.sinceMs = epoch(this.since);
    const ids = stored === undefined ? (from?.ids ?? []) : idsOf(ctx.cursor.get(names.ids));
    this.readAtSince = new Set(this.since === undefined ? [] : ids);
    this.newest = this.since;
    this.newestMs = this.sinceMs;
    this.atNewest = new Set(this.readAtSince);
  }

  /**
   * Whether the item is a change to read: not read last time at the same second unless changed
   * since, and (`compare`, for a list that cannot filter by date) not older than `since`.
   */
  take(item: Changed, compare: boolean): boolean {
    const stamp = epoch(item.updated_at);
    if (this.since !== undefined && compare && !(stamp >= this.sinceMs)) return false;
    if (this.readAtSince.has(item.id) && stamp === this.sinceMs) return false;
    // Every change counts for the cursor, also one already read again by id.
    if (!Number.isNaN(stamp) && (stamp > this.newestMs || this.newest === undefined)) {
      this.newestMs = stamp;
      this.newest = item.updated_at ?? undefined;
      this.atNewest = new Set();
    }
    if (stamp === this.newestMs) this.atNewest.add(item.id);
    return true;
  }

  save(): void {
    if (this.newest === undefined || (this.newest === this.since && this.atNewest.size === this.readAtSince.size)) return;
    this.ctx.cursor.set(this.names.since, this.newest);
    this.ctx.cursor.set(this.names.ids, JSON.stringify([...this.atNewest].sort()));
  }
}

function idsOf(text: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
