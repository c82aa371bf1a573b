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
