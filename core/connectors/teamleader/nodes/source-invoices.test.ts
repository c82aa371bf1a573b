import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../test-support';
import { ids, nodeTestEnv, sourceOnly, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

describe('teamleader.source.invoices (golden)', () => {
  it('reads booked invoices with lines, product codes, VAT percentages and the customer; a draft once it is booked', async () => {
    const doc = sourceOnly('teamleader.source.invoices', { connection: env.connection });
    const first = await env.run(doc);
    expect(first.records.map((r) => r.key)).toEqual([ids.invoiceBooked]);
    expect(first.records[0]?.data).toMatchObject({
      id: ids.invoiceBooked,
      status: 'outstanding',
      purchase_order_number: ids.syncedOrder,
      grouped_lines: [{ line_items: [{ quantity: 2, description: 'Kopje', unit_price: { amount: 4.5 }, product: { id: ids.kopje, code: '1000', name: 'Kopje' }, tax: { id: ids.taxRate(21), percentage: 21 } }] }],
      customer: { type: 'company', id: ids.bakery, name: 'Bakkerij Jansen', email: 'info@bakkerij.example.com', vat_number: 'BE0123456749' },
    });

    const { client } = await clientFor(env.sandbox);
    await client.invoices.book({ id: ids.invoiceDraft, on: '2026-02-01' });
    const second = await env.run(doc);
    expect(second.records.map((r) => r.key)).toEqual([ids.invoiceDraft]);
    expect(second.records[0]?.data).toMatchObject({ status: 'outstanding', customer: { type: 'contact', id: ids.anna, name: 'Anna de Vries', email: 'anna@example.com' } });
  });

  it('reads drafts too when asked', async () => {
    const run = await env.run(sourceOnly('teamleader.source.invoices', { connection: env.connection, includeDrafts: true, withCustomer: false }));
    expect(run.records).toHaveLength(2);
    expect(run.records[0]?.data).not.toHaveProperty('customer');
  });
});
