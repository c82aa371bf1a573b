import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoShop } from '../../demo-shop';
import { demoIds, demoTeamleaderSeed } from '../sandbox/demo-seed';
import { ids, nodeTestEnv, sampleInto, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

describe('teamleader.lookup.invoice (golden)', () => {
  it('finds the invoice of an order synced before by its purchase order number', async () => {
    const run = await env.run(
      sampleInto({ type: 'teamleader.lookup.invoice', config: { connection: env.connection, key: 'orderId' } }, [
        { id: 'r1', orderId: ids.syncedOrder },
        { id: 'r2', orderId: 'ffffffffffffffffffffffffffffffff' },
      ]),
    );
    expect(run.records.map((r) => r.port)).toEqual(['found', 'missing']);
    expect(run.records[0]?.data).toMatchObject({ teamleaderInvoice: { id: ids.invoiceBooked, status: 'outstanding', purchase_order_number: ids.syncedOrder } });
    expect(run.records[0]?.lineage.at(-1)?.note).toMatch(/^invoice \d{4} \/ \d+$/);
    expect(run.records[1]?.lineage.at(-1)?.note).toBe('no invoice with purchase order number ffffffffffffffffffffffffffffffff in Teamleader');
    expect(env.sandbox.state().invoices).toHaveLength(2);
  });

  it('finds the sale invoiced as one of the record’s MplusKASSA orders (an MplusKASSA invoice made from them), by total; another total fails, naming both', async () => {
    const config = { connection: env.connection, key: 'invoiceId', orders: 'orderIds', orderTotal: 'total' };
    const run = await env.run(
      sampleInto({ type: 'teamleader.lookup.invoice', config }, [
        { id: 'same', invoiceId: 'mplus-invoice-1', orderIds: ['eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', ids.syncedOrder], total: 1089 },
        { id: 'other', invoiceId: 'mplus-invoice-2', orderIds: [ids.syncedOrder], total: 1200 },
        { id: 'none', invoiceId: 'mplus-invoice-3', orderIds: [] },
      ]),
    );
    const byKey = new Map(run.records.map((r) => [r.key, r]));
    expect(byKey.get('same')).toMatchObject({ port: 'found', data: { teamleaderOrderInvoice: { id: ids.invoiceBooked } } });
    expect(byKey.get('same')?.lineage.at(-1)?.note).toMatch(new RegExp(`^invoiced as MplusKASSA order ${ids.syncedOrder} \\(invoice \\d{4} / \\d+\\)$`));
    expect(byKey.get('other')).toMatchObject({ status: 'failed', message: 'the order it was made from is already invoiced in Teamleader, for €10.89, and this one is for €12.00. Sincro does not invoice one sale twice: make the Teamleader invoice match, and the next run skips it' });
    expect(byKey.get('none')?.port).toBe('missing');
  });

  it('confirms the pending ledger write of a run killed while Teamleader made the invoice', async () => {
    const scope = `teamleader:${env.connection}`;
    env.store.runs.start({ runId: 'killed', flowId: 'orders', flowVersion: null, flowName: 'Orders', dryRun: false, trigger: 'cli', startedAt: new Date().toISOString() });
    env.store.ledger.begin(scope, 'invoice', ids.syncedOrder, 'killed');
    // The run's process ends here (as far as the store can tell), before Teamleader's answer came.
    env.store.runs.close();
    expect(env.store.runs.get('killed')).toMatchObject({ status: 'failed', interrupted: true });

    const run = await env.run(sampleInto({ type: 'teamleader.lookup.invoice', config: { connection: env.connection, key: 'orderId' } }, [{ id: 'r1', orderId: ids.syncedOrder }]));
    expect(run.records[0]?.port).toBe('found');
    expect(env.store.ledger.get(scope, 'invoice', ids.syncedOrder)).toMatchObject({ state: 'done', targetId: ids.invoiceBooked });
    expect(env.store.runs.records('killed').map((r) => [r.key, r.action, r.targetId])).toEqual([[ids.syncedOrder, 'create', ids.invoiceBooked]]);
  });
});

describe('teamleader.lookup.invoice on the demo shop', () => {
  it('recognises the MplusKASSA order that the demo marks as already synced', async () => {
    const demo = await nodeTestEnv({ seed: demoTeamleaderSeed() });
    try {
      const orders = buildDemoShop().orders.filter((o) => o.origin === 'mplus');
      const run = await demo.run(
        sampleInto(
          { type: 'teamleader.lookup.invoice', config: { connection: demo.connection } },
          [...orders.filter((o) => !o.alreadySynced).slice(0, 4), ...orders.filter((o) => o.alreadySynced)].map((o) => ({ id: demoIds.mplusOrderNumber(o.key), synced: o.alreadySynced === true })),
        ),
      );
      for (const r of run.records) expect(r.port).toBe((r.data as { synced: boolean }).synced ? 'found' : 'missing');
      expect(run.records.filter((r) => r.port === 'found')).toHaveLength(orders.filter((o) => o.alreadySynced).length);
    } finally {
      await demo.close();
    }
  });
});
