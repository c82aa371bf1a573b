import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION, sample, startNodeHarness, type NodeHarness } from '../testing/node-harness';

let h: NodeHarness;
beforeAll(async () => (h = await startNodeHarness()));
afterAll(() => h.close());

const target = (config: Record<string, unknown> = {}) => ({ id: 'order', type: 'mplus.target.order', config: { connection: CONNECTION, payload: 'order', ...config } });
const ordersWith = (extOrderId: string) => h.sandbox.state().orders.filter((o) => o.extOrderId === extOrderId);

function orderRecord(id: string, overrides: Record<string, unknown> = {}) {
  const relationNumber = h.sandbox.state().relations[0]?.relationNumber;
  const articleNumber = h.sandbox.state().products[0]?.articleList?.[0]?.articleNumber;
  return {
    id,
    order: {
      extOrderId: id,
      relationNumber,
      financialDate: '2026-03-05',
      reference: `Teamleader ${id}`,
      vatMethod: 'VAT-METHOD-EXCLUSIVE',
      lineList: [{ articleNumber, text: 'Espresso', data: { quantity: 2, priceExcl: 1995 } }],
      ...overrides,
    },
  };
}

describe('mplus.target.order (golden)', () => {
  it('books the order once, with the employee from the flow settings and an idempotency key', async () => {
    const run = await h.run([sample([orderRecord('tl-inv-1')]), target({ employeeNumber: '{{settings.employeeNumber}}' })], { settings: { employeeNumber: 1 } });
    expect(run.summary.status).toBe('succeeded');
    const [stored] = ordersWith('tl-inv-1');
    expect(stored).toMatchObject({ employeeNumber: 1, reference: 'Teamleader tl-inv-1', totalExclAmount: 3990, lineList: [{ text: 'Espresso', data: { quantity: 2, priceExcl: 1995 } }] });
    expect(run.records[0]).toMatchObject({ action: 'create', targetId: stored?.orderId, data: { mplusOrderId: stored?.orderId } });
    expect(h.exchanges.find((e) => e.operation === 'createOrderV3')?.requestXml).toMatch(/<ns1:idempotencyKey>sincro-[0-9a-f]{32}<\/ns1:idempotencyKey>/);

    const again = await h.run([sample([orderRecord('tl-inv-1')]), target()]);
    expect(again.records[0]).toMatchObject({ status: 'skipped', message: `already synced: order ${stored?.orderId} exists in the target` });
    const store = h.freshStore(); // no ledger at all: MplusKASSA is searched by extOrderId
    try {
      const fresh = await h.run([sample([orderRecord('tl-inv-1')]), target()], { store });
      expect(fresh.records[0]?.status).toBe('skipped');
    } finally {
      store.dispose();
    }
    expect(ordersWith('tl-inv-1')).toHaveLength(1);
  });

  it('uses 999999 when neither the order nor the node names an employee', async () => {
    await h.run([sample([orderRecord('tl-inv-2')]), target()]);
    expect(ordersWith('tl-inv-2')[0]?.employeeNumber).toBe(999999);
  });

  it('fails what MplusKASSA refuses, with its reason, and an order without extOrderId', async () => {
    const run = await h.run([sample([orderRecord('tl-inv-3', { relationNumber: 424242 }), orderRecord('tl-inv-4', { extOrderId: undefined })]), target()]);
    expect(run.records.map((r) => r.message)).toEqual([
      'MplusKASSA refused the order: Relation 424242 does not exist.',
      'the order has no extOrderId and its source does not say where it came from; MplusKASSA needs one to recognise the order later (e.g. the id the order has in the other app)',
    ]);
    expect(h.store.ledger.get(`mplus:${CONNECTION}`, 'order', 'tl-inv-3')).toBeUndefined();
    expect(ordersWith('tl-inv-3')).toEqual([]);
  });

  it('plans in a dry run, also for a customer the run would create, and books nothing', async () => {
    const run = await h.run([sample([orderRecord('tl-inv-5', { relationNumber: '(new relation)' })]), target()], { dryRun: true });
    expect(run.records[0]).toMatchObject({ status: 'ok', action: 'create' });
    expect(ordersWith('tl-inv-5')).toEqual([]);
  });
});

describe('an order flow from another app (customer → products → order)', () => {
  const steps = () => {
    const [a, b] = h.sandbox.state().products.map((p) => String(p.articleList?.[0]?.articleNumber));
    return [
      sample([
        { id: 'tl-flow-1', customer: { email: 'fenna@example.nl', firstName: 'Fenna', lastName: 'Visser', companyName: 'Visser Koffie' }, lines: [{ sku: a, quantity: 1, priceExcl: 1000 }, { sku: b, quantity: 2, priceExcl: 500 }] },
        { id: 'tl-flow-2', customer: { email: 'fenna@example.nl', firstName: 'Fenna', lastName: 'Visser', companyName: 'Visser Koffie' }, lines: [{ sku: a, quantity: 4, priceExcl: 1000 }] },
      ]),
      { id: 'customer', type: 'mplus.target.relation', config: { connection: CONNECTION, payload: 'customer' } },
      { id: 'products', type: 'mplus.lookup.article', config: { connection: CONNECTION, key: 'lines.sku', as: 'articles' } },
      {
        id: 'map',
        type: 'core.transform.map',
        after: 'found',
        config: {
          fields: [
            { target: 'order.extOrderId', expr: 'id' },
            { target: 'order.relationNumber', expr: 'mplusRelationNumber' },
            { target: 'order.vatMethod', expr: '"VAT-METHOD-EXCLUSIVE"' },
            { target: 'order.lineList', expr: '[lines.{ "articleNumber": $number(sku), "data": { "quantity": quantity, "priceExcl": priceExcl } }]' },
          ],
        },
      },
      target(),
    ];
  };

  it('plans everything in a dry run, then creates one company customer and two orders, and nothing on a rerun', async () => {
    const dry = await h.run(steps(), { dryRun: true });
    expect(dry.records.map((r) => [r.key, r.status, r.action])).toEqual([['tl-flow-1', 'ok', 'create'], ['tl-flow-2', 'ok', 'create']]);
    expect(ordersWith('tl-flow-1')).toEqual([]);

    const run = await h.run(steps());
    expect(run.summary.nodes['customer']).toMatchObject({ created: 1, unchanged: 1 });
    const customer = h.sandbox.state().relations.filter((r) => r.email === 'fenna@example.nl');
    expect(customer).toMatchObject([{ name: 'Visser Koffie', companyName: 'Visser Koffie', contact: 'Fenna Visser' }]);
    expect(ordersWith('tl-flow-1')).toMatchObject([{ relationNumber: customer[0]?.relationNumber, totalExclAmount: 2000 }]);
    expect(ordersWith('tl-flow-2')).toMatchObject([{ relationNumber: customer[0]?.relationNumber, totalExclAmount: 4000 }]);

    const again = await h.run(steps());
    expect(again.records.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(h.sandbox.state().relations.filter((r) => r.email === 'fenna@example.nl')).toHaveLength(1);
  });
});
