/**
 * What the MplusKASSA sources share: read what changed since the last run, page by page, by the
 * entity's sync marker. The marker to continue from is kept as the node's cursor `syncMarker`.
 * The sources `rereadsFailed`: the engine keeps the marker after a partial run too, and the records
 * that failed are read again by key at the start of the next run (each source says how, with
 * `byTextKeys` / `byNumberKeys`), so one record that keeps failing does not make every run read
 * everything after it. Reading writes nothing, so sources read in dry runs too.
 */
import { z } from 'zod';
import { emit, skip, type Outcome, type RecordOrigin } from '../../../engine/record';
import { defineNode, ui, type NodeRunContext, type NodeType } from '../../../nodes/define-node';
import { rereadFailed } from '../../shared/reread-failed';
import type { MplusClient } from '../client';
import type { MplusSyncMarkers } from '../schemas';
import type { MplusSyncEntity, MplusSyncItems } from '../sync';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField, mplusScope } from './connection-field';

export const SYNC_CURSOR = 'syncMarker';

/** How a source reads its items again by record key (at most `pageSize` keys a request). */
export interface KeyReader<T> {
  /** False for a key the entity cannot have (a relation number that is not a number): it is not asked for. */
  canExist(key: string): boolean;
  read(client: MplusClient, keys: string[], pageSize: number): Promise<T[]>;
}

/** Keys that are ids in text (orderId, invoiceId). */
export const byTextKeys = <T>(read: (client: MplusClient, keys: string[], pageSize: number) => Promise<T[]>): KeyReader<T> => ({ canExist: (key) => key !== '', read });

/** Keys that are MplusKASSA numbers (relationNumber, articleNumber, groupNumber). */
export const byNumberKeys = <T>(read: (client: MplusClient, numbers: number[], pageSize: number) => Promise<T[]>): KeyReader<T> => ({
  canExist: (key) => /^\d+$/.test(key) && Number.isSafeInteger(Number(key)),
  read: (client, keys, pageSize) => read(client, keys.map(Number), pageSize),
});

export interface ChangesSourceSpec<E extends MplusSyncEntity> {
  type: string;
  title: string;
  description: string;
  entity: E;
  /** Plural words for the node card: "orders", "customers". */
  plural: string;
  /** One record, for the log: "order", "article". */
  singular: string;
  /** The sequence's current value, for "start from now". */
  currentMarker(markers: MplusSyncMarkers): number | undefined;
  /** The records one changed item makes (a product makes one per article). */
  records(item: MplusSyncItems[E]): Array<{ key: string; data: unknown }>;
  /** Reads the items of the records that failed last time again, by their keys. */
  byKeys: KeyReader<MplusSyncItems[E]>;
  /** What the items read need besides themselves, added before their records are made (a page at a time). */
  complete?(client: MplusClient, items: Array<MplusSyncItems[E]>): Promise<Array<MplusSyncItems[E]>>;
  /** Documents: where each record's document was first made (see shared/origin-marker.ts). */
  originOf?(data: unknown, key: string): RecordOrigin | undefined;
  /** Documents: the id ledger's entity of these records when a target writes them (NodeType.writtenAs). */
  ledgerEntity?: string;
  /** Documents: the records of MplusKASSA one was made from, as the ledger names them (an invoice's orders). */
  madeFrom?(data: unknown): Array<{ entity: string; id: string }>;
  /** The record's human key (shared/record-label.ts): an order number, an email. */
  labelOf?(data: unknown, key: string): string | undefined;
  /**
   * Orders: why a record is skipped when the node's `skipInvoiced` is on (it was invoiced in
   * MplusKASSA, so its invoice is the sale); undefined to read it as usual. Gives the node that setting.
   */
  invoicedReason?(data: unknown): string | undefined;
  /**
   * Invoices: which item credits another. Gives the node the setting `documents` (all, sales,
   * credits): a flow reads its credits with a second node that starts once `readAfter` sources are
   * through (NodeType.readsAfter), so a credit finds its sale when both are new in one run.
   */
  credits?: { isCredit(item: MplusSyncItems[E]): boolean; readAfter: string[] };
}

interface ChangesConfig {
  connection: string;
  firstRun: 'everything' | 'from-now';
  pageSize: number;
}

/** The setting `documents` of a source with `credits` (ChangesSourceSpec.credits); the others read all. */
const documentsOf = (config: unknown): string => (config as { documents?: string }).documents ?? 'all';

export function changesSource<E extends MplusSyncEntity>(spec: ChangesSourceSpec<E>): NodeType {
  const config = z.object({
    connection: connectionField,
    firstRun: z
      .enum(['everything', 'from-now'])
      .default('everything')
      .meta(ui({ label: 'On the first run, read', help: `everything: all ${spec.plural} there are; from-now: only ${spec.plural} changed after the first run.` })),
    pageSize: z.number().int().min(1).max(1000).default(250).meta(ui({ label: 'Records per request', help: 'How many changes one call to MplusKASSA asks for.' })),
    ...(spec.invoicedReason
      ? { skipInvoiced: z.boolean().default(false).meta(ui({ label: `Skip ${spec.plural} that are invoiced`, help: `An ${spec.singular} invoiced in MplusKASSA is skipped, with the reason: its invoice is the sale. For flows that send the invoices too, so one sale is not sent twice.` })) }
      : {}),
    ...(spec.credits
      ? {
          documents: z
            .enum(['all', 'sales', 'credits'])
            .default('all')
            .meta(ui({ label: 'Read', help: `all: every ${spec.singular}; sales: all but credit ${spec.plural}; credits: only credit ${spec.plural}, once the flow’s other MplusKASSA sources are through, so a credit finds its sale when both are new.` })),
        }
      : {}),
  });
  const credits = spec.credits;
  return defineNode({
    type: spec.type,
    kind: 'source',
    app: 'mplus',
    title: spec.title,
    description: spec.description,
    config,
    outputs: [{ name: 'out' }],
    rereadsFailed: true,
    ...(credits ? { readsAfter: (c: unknown) => (documentsOf(c) === 'credits' ? credits.readAfter : []) } : {}),
    ...(spec.originOf ? { originOf: spec.originOf } : {}),
    ...(spec.ledgerEntity ? { writtenAs: (c: ChangesConfig) => ({ scope: mplusScope(c.connection), entity: spec.ledgerEntity ?? '', ...(spec.madeFrom ? { madeFrom: spec.madeFrom } : {}) }) } : {}),
    ...(spec.labelOf ? { labelOf: spec.labelOf } : {}),
    summary: (c) => `${documentsOf(c) === 'credits' ? `credit ${spec.plural}` : spec.plural} changed since the last run${documentsOf(c) === 'sales' ? ' · no credits' : ''}${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
    check: checkConnection,
    async *run(ctx) {
      const read = readAll(ctx, spec);
      const invoicedReason = spec.invoicedReason;
      if (!invoicedReason || !(ctx.config as { skipInvoiced?: boolean }).skipInvoiced) {
        yield* read;
        return;
      }
      for await (const outcomes of read) {
        yield outcomes.map((o) => {
          const why = o.kind === 'emit' ? invoicedReason(o.data) : undefined;
          return why ? skip(o.rec, why) : o;
        });
      }
    },
  }) as NodeType;
}

/** The records that failed last time, read again by key; then (unless in a retry) the changes. */
async function* readAll<E extends MplusSyncEntity>(ctx: NodeRunContext<ChangesConfig>, spec: ChangesSourceSpec<E>): AsyncGenerator<Outcome[]> {
  const client = await mplusClientFor(ctx, ctx.config.connection);
  const reread = yield* rereadFailed(ctx, {
    what: spec.singular,
    app: 'MplusKASSA',
    keysPerRead: ctx.config.pageSize,
    read: async (keys) => {
      const asked = keys.filter((k) => spec.byKeys.canExist(k));
      // Never an empty filter: MplusKASSA would answer with everything.
      if (!asked.length) return [];
      return (await completed(client, spec, (await spec.byKeys.read(client, asked, ctx.config.pageSize)).filter(wanted(ctx, spec)))).flatMap((item) => spec.records(item));
    },
  });
  // A retry reads the failed records of the run it retries, and no changes (the cursor stays).
  if (!ctx.retrying) yield* readChanged(ctx, client, spec, reread);
}

/** The changes since the stored marker, without the records already read again by key. */
async function* readChanged<E extends MplusSyncEntity>(ctx: NodeRunContext<ChangesConfig>, client: MplusClient, spec: ChangesSourceSpec<E>, reread: ReadonlySet<string>): AsyncGenerator<Outcome[]> {
  const stored = ctx.cursor.get(SYNC_CURSOR);
  let from = 0;
  if (stored !== undefined && /^\d+$/.test(stored)) from = Number(stored);
  else {
    if (stored !== undefined) ctx.log('warn', `the stored sync marker "${stored}" is not a number; reading from the start`);
    if (ctx.config.firstRun === 'from-now') {
      from = (spec.currentMarker(await client.getCurrentSyncMarkers()) ?? 0) + 1;
      // Kept even when nothing changed yet, so the next run continues from here.
      ctx.cursor.set(SYNC_CURSOR, String(from));
    }
  }
  for await (const page of client.readChanges(spec.entity, from, ctx.config.pageSize)) {
    const records = (await completed(client, spec, page.items.filter(wanted(ctx, spec)))).flatMap((item) => spec.records(item)).filter((r) => !reread.has(r.key));
    for (let i = 0; i < records.length; i += ctx.batchSize) {
      yield records.slice(i, i + ctx.batchSize).map((r) => emit(ctx.newRecord(r.key, r.data), r.data));
    }
    ctx.cursor.set(SYNC_CURSOR, String(page.nextMarker));
  }
}

const completed = <E extends MplusSyncEntity>(client: MplusClient, spec: ChangesSourceSpec<E>, items: Array<MplusSyncItems[E]>) => (spec.complete && items.length ? spec.complete(client, items) : Promise.resolve(items));

/** Whether the node reads this item, by its setting `documents` (sales, credits or all). */
const wanted =
  <E extends MplusSyncEntity>(ctx: NodeRunContext<ChangesConfig>, spec: ChangesSourceSpec<E>) =>
  (item: MplusSyncItems[E]): boolean => {
    const documents = documentsOf(ctx.config);
    return !spec.credits || documents === 'all' || spec.credits.isCredit(item) === (documents === 'credits');
  };
