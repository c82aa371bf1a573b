/**
 * Golden tests of the MplusKASSA sources, one describe per node type, against one sandbox with the
 * demo shop (one file for the five, because each test file costs seconds of start-up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryTestRun, type FinishedRecord } from '../../../testing/golden';
import type { MarkerName } from '../sandbox/store';
import { CONNECTION, operations, startNodeHarness, straightFlow, type FlowStep, type NodeHarness } from '../testing/node-harness';

let h: NodeHarness;
beforeAll(async () => (h = await startNodeHarness()));
afterAll(() => h.close());

const ordersSource = (config: Record<string, unknown> = {}) => [{ id: 'orders', type: 'mplus.source.orders', config: { connection: CONNECTION, ...config } }];

describe('mplus.source.orders (golden)', () => {
  it('reads every order the first time, then only the ones made or changed since', async () => {
    const first = await h.run(ordersSource({ pageSize: 4 }), { batchSize: 3 });
    const all = h.sandbox.state().orders;
    expect(first.summary.status).toBe('succeeded');
    expect(first.records.map((r) => r.key)).toEqual(all.map((o) => o.orderId));
    expect(first.records[0]?.data).toMatchObject({ orderId: all[0]?.orderId, relationNumber: all[0]?.relationNumber, totalExclAmount: all[0]?.totalExclAmount, lineList: expect.any(Array) });
    expect(h.store.cursors.get('test-flow', 'orders', 'syncMarker')).toBe(String(h.sandbox.state().syncMarkers.order + 1));

    expect((await h.run(ordersSource())).records).toEqual([]);
    const created = await h.client.createOrderV3(
      { extOrderId: 'web-1001', relationNumber: all[0]?.relationNumber, lineList: [{ articleNumber: all[0]?.lineList?.[0]?.articleNumber ?? 0, data: { quantity: 2 } }] },
      { idempotencyKey: 'source-orders-test' },
    );
    const next = await h.run(ordersSource());
    expect(next.records.map((r) => [r.key, (r.data as { extOrderId?: string }).extOrderId])).toEqual([[created.orderId, 'web-1001']]);
  });

  it('with "from now", the first run reads nothing and remembers where it started', async () => {
    const store = h.freshStore();
    try {
      const first = await h.run(ordersSource({ firstRun: 'from-now' }), { store });
      expect(first.records).toEqual([]);
      const marker = h.sandbox.state().syncMarkers.order;
      expect(store.cursors.get('test-flow', 'orders', 'syncMarker')).toBe(String(marker + 1));
    } finally {
      store.dispose();
    }
  });

  it('reads in a dry run too, but keeps no marker', async () => {
    const store = h.freshStore();
    try {
      const dry = await h.run(ordersSource(), { store, dryRun: true });
      expect(dry.records.length).toBe(h.sandbox.state().orders.length);
      expect(store.cursors.get('test-flow', 'orders', 'syncMarker')).toBeUndefined();
    } finally {
      store.dispose();
    }
  });

  it('with "skip invoiced", an order made here and invoiced here is skipped with the reason (its invoice is the sale)', async () => {
    // A sandbox of its own: the invoice made here would show in the invoices source's tests.
    const own = await startNodeHarness();
    try {
      const order = own.sandbox.state().orders.find((o) => !o.extOrderId && !o.invoiceIds?.length);
      const line = order?.lineList?.[0];
      const made = await own.client.saveInvoice({ relationNumber: order?.relationNumber, orderIds: [order?.orderId ?? ''], lineList: [{ articleNumber: line?.articleNumber ?? 0, data: { quantity: 1 } }] });
      const run = await own.run(ordersSource({ skipInvoiced: true }));
      const byKey = new Map(run.records.map((r) => [r.key, r]));
      expect(byKey.get(order?.orderId ?? '')).toMatchObject({ status: 'skipped', message: `invoiced in MplusKASSA (invoice ${made.invoiceId}): the invoice is the sale, so the order is not sent` });
      expect(run.records.filter((r) => r.status === 'skipped')).toHaveLength(own.sandbox.state().orders.filter((o) => o.invoiceIds?.length && !o.extOrderId).length);
      const plain = await own.run(ordersSource(), { store: own.freshStore() });
      expect(plain.records.every((r) => r.status === 'ok')).toBe(true);
    } finally {
      await own.close();
    }
  });
});

const invoicesSource = [{ id: 'invoices', type: 'mplus.source.invoices', config: { connection: CONNECTION } }];

describe('mplus.source.invoices (golden)', () => {
  it('reads the invoices made since the last run, keyed by invoiceId, amounts in cents', async () => {
    expect((await h.run(invoicesSource)).records).toEqual([]); // the demo shop has no invoices yet
    const relation = h.sandbox.state().relations[0];
    const article = h.sandbox.state().products[0]?.articleList?.[0];
    const saved = await h.client.saveInvoice({
      extInvoiceId: 'tl-inv-7',
      relationNumber: relation?.relationNumber,
      financialDate: '2026-03-02',
      vatMethod: 'VAT-METHOD-EXCLUSIVE',
      lineList: [{ articleNumber: article?.articleNumber ?? 0, data: { quantity: 3, priceExcl: 1000 } }],
    });
    const run = await h.run(invoicesSource);
    expect(run.records.map((r) => r.key)).toEqual([saved.invoiceId]);
    expect(run.records[0]?.data).toMatchObject({ extInvoiceId: 'tl-inv-7', relationNumber: relation?.relationNumber, totalExclAmount: 3000, lineList: [{ articleNumber: article?.articleNumber }] });
    expect((await h.run(invoicesSource)).records).toEqual([]);
  });

  it('reads sales and credit invoices apart, and a credit carries the invoice it credits', async () => {
    const own = await startNodeHarness();
    try {
      const relation = own.sandbox.state().relations[0];
      const article = own.sandbox.state().products[0]?.articleList?.[0]?.articleNumber ?? 0;
      const sale = await own.client.saveInvoice({ relationNumber: relation?.relationNumber, lineList: [{ articleNumber: article, data: { quantity: 2 } }] });
      const credit = await own.client.saveInvoice({ relationNumber: relation?.relationNumber, creditedInvoiceId: sale.invoiceId, lineList: [{ articleNumber: article, data: { quantity: -1 } }] });
      const read = async (documents: string) => {
        const store = own.freshStore();
        try {
          return (await own.run([{ id: 'invoices', type: 'mplus.source.invoices', config: { connection: CONNECTION, documents } }], { store })).records;
        } finally {
          store.dispose();
        }
      };
      expect((await read('sales')).map((r) => r.key)).toEqual([sale.invoiceId]);
      expect((await read('all')).map((r) => r.key)).toEqual([sale.invoiceId, credit.invoiceId]);
      const [creditRecord] = await read('credits');
      expect(creditRecord?.key).toBe(credit.invoiceId);
      // The invoice it credits was not among the records read: it is read for the credit.
      expect(creditRecord?.data).toMatchObject({ creditedInvoiceId: sale.invoiceId, creditedInvoice: { invoiceId: sale.invoiceId, orderIds: [], origin: { app: 'mplus', entity: 'invoice', id: sale.invoiceId } } });
    } finally {
      await own.close();
    }
  });
});

const relationsSource = [{ id: 'customers', type: 'mplus.source.relations', config: { connection: CONNECTION, pageSize: 10 } }];

describe('mplus.source.relations (golden)', () => {
  it('reads every customer, then only the changed one', async () => {
    const first = await h.run(relationsSource);
    const relations = h.sandbox.state().relations;
    expect(first.records.map((r) => r.key)).toEqual(relations.map((r) => String(r.relationNumber)));
    expect(first.records[0]?.data).toMatchObject({ relationNumber: relations[0]?.relationNumber, name: relations[0]?.name, email: relations[0]?.email });

    const moved = relations[3];
    await h.client.updateRelation({ relationNumber: moved?.relationNumber ?? 0, city: 'Utrecht' });
    const next = await h.run(relationsSource);
    expect(next.records.map((r) => [r.key, (r.data as { city?: string }).city])).toEqual([[String(moved?.relationNumber), 'Utrecht']]);
  });
});

const productsSource = [{ id: 'products', type: 'mplus.source.products', config: { connection: CONNECTION, pageSize: 7 } }];

describe('mplus.source.products (golden)', () => {
  it('makes one record per article, keyed by article number, with its product beside it', async () => {
    const first = await h.run(productsSource, { batchSize: 5 });
    const products = h.sandbox.state().products;
    const articles = products.flatMap((p) => p.articleList ?? []);
    expect(first.records.map((r) => r.key).sort()).toEqual(articles.map((a) => String(a.articleNumber)).sort());
    const p = products[0];
    const a = p?.articleList?.[0];
    expect(first.records.find((r) => r.key === String(a?.articleNumber))?.data).toEqual({ ...a, product: { productNumber: p?.productNumber, syncMarker: p?.syncMarker, description: p?.description, groupNumbers: p?.groupNumbers } });
  });

  it('next time reads the articles of the changed product only', async () => {
    const p = h.sandbox.state().products[2];
    const articleNumber = p?.articleList?.[0]?.articleNumber ?? 0;
    await h.client.updateProduct({ productNumber: p?.productNumber ?? 0, articleList: [{ articleNumber, priceExcl: 1234 }] });
    const next = await h.run(productsSource);
    expect(next.records.map((r) => [r.key, (r.data as { priceExcl?: number }).priceExcl])).toEqual([[String(articleNumber), 1234]]);
  });
});

const groupsSource = [{ id: 'groups', type: 'mplus.source.articleGroups', config: { connection: CONNECTION } }];

describe('mplus.source.articleGroups (golden)', () => {
  it('reads every article group, then the new one and the main group it went under', async () => {
    const first = await h.run(groupsSource);
    const groups = h.sandbox.state().articleGroups;
    expect(first.records.map((r) => r.key)).toEqual(groups.map((g) => String(g.groupNumber)));
    expect(first.records[0]?.data).toMatchObject({ groupNumber: groups[0]?.groupNumber, name: groups[0]?.name, parentGroupNumber: 0, isDeleted: false });

    const { groupNumber } = await h.client.newArticleGroup({ parentGroupNumber: groups[0]?.groupNumber ?? 0, name: 'Decaf', text: 'Decaf' });
    const next = await h.run(groupsSource);
    expect(next.records.map((r) => r.key).sort()).toEqual([String(groups[0]?.groupNumber), String(groupNumber)].sort());
    expect(next.records.find((r) => r.key === String(groupNumber))?.data).toMatchObject({ name: 'Decaf', parentGroupNumber: groups[0]?.groupNumber });
  });
});

/** The source, then a filter whose rejects are failed: the records the condition rejects fail. */
const failingUnless = (id: string, type: string, condition: string): FlowStep[] => [
  { id, type, config: { connection: CONNECTION } },
  { id: 'check', type: 'core.transform.filter', config: { condition } },
  { id: 'no', type: 'core.transform.fail', config: { reason: 'not this time' }, after: 'reject' },
];

interface RereadCase {
  type: string;
  /** The field that holds the record key. */
  field: string;
  /** The one operation the source calls, for its changes and by key. */
  operation: string;
  marker: MarkerName;
  /** The records to fail; default the first and the last read. */
  pick?(records: FinishedRecord[]): FinishedRecord[];
}

const rereadCases: RereadCase[] = [
  { type: 'mplus.source.orders', field: 'orderId', operation: 'getOrders', marker: 'order' },
  { type: 'mplus.source.invoices', field: 'invoiceId', operation: 'getInvoices', marker: 'invoice' },
  { type: 'mplus.source.relations', field: 'relationNumber', operation: 'getRelations', marker: 'relation' },
  { type: 'mplus.source.products', field: 'articleNumber', operation: 'getProducts', marker: 'article' },
  {
    type: 'mplus.source.articleGroups',
    field: 'groupNumber',
    operation: 'getArticleGroupChanges',
    marker: 'articleGroup',
    // A sub-group too: MplusKASSA's groupNumbers filter would not find it.
    pick: (records) => [records[0], records.find((r) => (r.data as { parentGroupNumber?: number }).parentGroupNumber)].filter((r) => r !== undefined),
  },
];

describe('the MplusKASSA sources read the records that failed last time again, by key', () => {
  beforeAll(async () => {
    const state = h.sandbox.state();
    for (let i = state.invoices.length; i < 2; i++) {
      await h.client.saveInvoice({ extInvoiceId: `reread-${i}`, relationNumber: state.relations[i]?.relationNumber, financialDate: '2026-03-03', lineList: [{ articleNumber: state.products[0]?.articleList?.[0]?.articleNumber ?? 0, data: { quantity: 1 } }] });
    }
    if (!state.articleGroups.some((g) => g.parentGroupNumber)) await h.client.newArticleGroup({ parentGroupNumber: state.articleGroups[0]?.groupNumber ?? 0, name: 'Rooibos', text: 'Rooibos' });
  });

  it.each(rereadCases)('$type: after a partial run the cursor moves on and the next run reads just the failed records: one request for them, one for the changes', async (c) => {
    const store = h.freshStore();
    try {
      // A dry run shows what there is (and keeps nothing).
      const all = (await h.run([{ id: 'src', type: c.type, config: { connection: CONNECTION } }], { store, dryRun: true })).records;
      const failed = (c.pick ?? ((r) => [r[0], r.at(-1)].filter((x) => x !== undefined)))(all);
      const keys = failed.map((r) => r.key);
      expect(new Set(keys).size).toBe(2);
      const values = failed.map((r) => (r.data as Record<string, unknown>)[c.field]);
      const failing = failingUnless('src', c.type, `$not(${c.field} in ${JSON.stringify(values)})`);

      const first = await h.run(failing, { store });
      expect(first.summary).toMatchObject({ status: 'partial', read: all.length, failed: 2 });
      expect(store.cursors.get('test-flow', 'src', 'syncMarker')).toBe(String(h.sandbox.state().syncMarkers[c.marker] + 1));
      // Every record has its human key beside its id (labelOf).
      expect(first.records.filter((r) => !r.label)).toEqual([]);

      // A retry of that run reads the failed records by key and nothing else, and moves no cursor.
      const cursors = () => ['syncMarker', 'failedKeys'].map((name) => store.cursors.get('test-flow', 'src', name));
      const before = cursors();
      h.exchanges.length = 0;
      const retried = await retryTestRun(store, h.registry, first.summary.runId, straightFlow(failing));
      expect(retried.records.map((r) => [r.key, r.status]).sort()).toEqual(keys.map((k) => [k, 'failed']).sort());
      expect(operations(h.exchanges)).toEqual([c.operation]);
      expect(cursors()).toEqual(before);

      h.exchanges.length = 0;
      const second = await h.run(failing, { store });
      expect(second.records.map((r) => [r.key, r.status]).sort()).toEqual(keys.map((k) => [k, 'failed']).sort());
      // The same record as a normal read gives.
      for (const r of second.records) expect(r.data).toEqual(all.find((a) => a.key === r.key)?.data);
      expect(operations(h.exchanges)).toEqual([c.operation, c.operation]);

      expect((await h.run(failingUnless('src', c.type, 'true'), { store })).records.map((r) => [r.key, r.status]).sort()).toEqual(keys.map((k) => [k, 'ok']).sort());
      h.exchanges.length = 0;
      expect((await h.run(failing, { store })).records).toEqual([]);
      expect(operations(h.exchanges)).toEqual([c.operation]);
    } finally {
      store.dispose();
    }
  });

  it('a failed record that changed since comes once; one deleted since is left out with a warning; a dry run reads the same', async () => {
    const store = h.freshStore();
    try {
      const [changed, deleted, other] = h.sandbox.state().relations.slice(-3).map((r) => r.relationNumber ?? 0);
      const failing = failingUnless('src', 'mplus.source.relations', `$not(relationNumber in [${changed}, ${deleted}])`);
      expect((await h.run(failing, { store })).summary.status).toBe('partial');
      await h.client.updateRelation({ relationNumber: changed ?? 0, city: 'Delft' });
      await h.client.updateRelation({ relationNumber: other ?? 0, city: 'Gouda' });
      h.sandbox.store().relations.delete(deleted ?? 0);

      const succeeding = failingUnless('src', 'mplus.source.relations', 'true');
      const dry = await h.run(succeeding, { store, dryRun: true });
      h.exchanges.length = 0;
      const next = await h.run(succeeding, { store });
      for (const run of [dry, next]) {
        expect(run.records.map((r) => [r.key, (r.data as { city?: string }).city])).toEqual([
          [String(changed), 'Delft'],
          [String(other), 'Gouda'],
        ]);
        expect(run.events.filter((e) => e.type === 'log' && e.level === 'warn').map((e) => e.type === 'log' && e.message)).toEqual([expect.stringContaining(`customer ${deleted} failed last time`)]);
      }
      // By key (1), then the changes: one page with both and the empty page that ends them.
      expect(operations(h.exchanges)).toEqual(['getRelations', 'getRelations', 'getRelations']);
    } finally {
      store.dispose();
    }
  });
});
