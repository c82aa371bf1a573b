import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../test-support';
import { ids, nodeTestEnv, sourceOnly, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

describe('teamleader.source.quotations (golden)', () => {
  it('reads new quotations with their lines, deal, customer and contact person', async () => {
    const doc = sourceOnly('teamleader.source.quotations', { connection: env.connection });
    expect((await env.run(doc)).records).toEqual([]);

    const { client } = await clientFor(env.sandbox);
    const dealId = await client.deals.create({ lead: { customer: { type: 'company', id: ids.bakery }, contact_person_id: ids.bram }, title: 'Servies voor het terras' });
    const quotationId = await client.quotations.create({
      deal_id: dealId,
      grouped_lines: [{ line_items: [{ quantity: 24, description: 'Kopje', unit_price: { amount: 4, tax: 'excluding' }, tax_rate_id: ids.taxRate(21), product_id: ids.kopje }] }],
    });
    const run = await env.run(doc);
    expect(run.records.map((r) => r.key)).toEqual([quotationId]);
    expect(run.records[0]?.data).toMatchObject({
      id: quotationId,
      status: 'open',
      grouped_lines: [{ line_items: [{ quantity: 24, product: { id: ids.kopje, code: '1000' }, tax: { percentage: 21 } }] }],
      deal: { id: dealId, title: 'Servies voor het terras', lead: { customer: { type: 'company', id: ids.bakery } } },
      customer: { type: 'company', id: ids.bakery, name: 'Bakkerij Jansen' },
      contact_person: { type: 'contact', id: ids.bram, name: 'Bram Jansen', email: 'bram@bakkerij.example.com' },
    });
    expect((await env.run(doc)).records).toEqual([]);
  });
});

describe('teamleader.source.quotations: a quotation whose deal is invoiced', () => {
  it('is skipped with the invoice named when asked (the invoice is the sale), read as usual when not; its deal’s invoices are read once per deal', async () => {
    const own = await nodeTestEnv();
    try {
      const { client } = await clientFor(own.sandbox);
      const lines = [{ line_items: [{ quantity: 2, description: 'Kopje', unit_price: { amount: 4.5, tax: 'excluding' as const }, tax_rate_id: ids.taxRate(21), product_id: ids.kopje }] }];
      const invoiced = await client.deals.create({ lead: { customer: { type: 'company', id: ids.bakery } }, title: 'Gefactureerd' });
      const open = await client.deals.create({ lead: { customer: { type: 'company', id: ids.bakery } }, title: 'Nog open' });
      const [first, second, third] = [await client.quotations.create({ deal_id: invoiced, grouped_lines: lines }), await client.quotations.create({ deal_id: invoiced, grouped_lines: lines }), await client.quotations.create({ deal_id: open, grouped_lines: lines })];
      // The booked invoice was made from the first deal; the draft from the second is not a sale yet.
      const state = own.sandbox.state();
      own.sandbox.reset({ ...state, invoices: state.invoices.map((i) => (i.id === ids.invoiceBooked ? { ...i, deal_id: invoiced } : { ...i, deal_id: open })) });
      const before = own.sandbox.stats().byEndpoint['invoices.list'] ?? 0;
      const run = await own.run(sourceOnly('teamleader.source.quotations', { connection: own.connection, skipInvoiced: true }));
      const byKey = new Map(run.records.map((r) => [r.key, r]));
      const number = own.sandbox.state().invoices.find((i) => i.id === ids.invoiceBooked)?.invoice_number;
      for (const id of [first, second]) expect(byKey.get(id)).toMatchObject({ status: 'skipped', message: `its deal is invoiced in Teamleader (invoice ${number}): the invoice is the sale, so the quotation is not sent` });
      expect(byKey.get(third)?.status).toBe('ok');
      expect((own.sandbox.stats().byEndpoint['invoices.list'] ?? 0) - before).toBe(2);
      const plain = await own.run(sourceOnly('teamleader.source.quotations', { connection: own.connection }));
      expect(plain.records.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    } finally {
      await own.close();
    }
  });
});
