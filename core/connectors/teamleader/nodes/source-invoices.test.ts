import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../demo-shop';
import { parseTeamleaderSeed } from '../sandbox/seed-schema';
import { clientFor } from '../test-support';
import { flow } from '../../../testing/golden';
import { ids, nodeTestEnv, smallSeed, sourceOnly, type NodeTestEnv } from './test-support';

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

describe('teamleader.source.invoices: the quotations of an invoice’s deal', () => {
  const small = smallSeed();
  const deal = (key: string) => demoId('teamleader.test.deal', key);
  const quotation = (key: string) => demoId('teamleader.test.quotation', key);
  const lines = small.invoices[0]?.grouped_lines ?? [];
  const seed = parseTeamleaderSeed({
    ...small,
    deals: [
      { id: deal('offer'), title: 'Offerte bakkerij', reference: '2026/1', lead: { customer: { type: 'company', id: ids.bakery } } },
      { id: deal('other'), title: 'Andere deal', reference: '2026/2', lead: { customer: { type: 'contact', id: ids.anna } } },
    ],
    quotations: [
      { id: quotation('first'), deal_id: deal('offer'), grouped_lines: lines },
      { id: quotation('second'), deal_id: deal('offer'), grouped_lines: lines },
      { id: quotation('elsewhere'), deal_id: deal('other'), grouped_lines: lines },
    ],
    invoices: small.invoices.map((invoice) => (invoice.id === ids.invoiceBooked ? { ...invoice, deal_id: deal('offer') } : { ...invoice, status: 'outstanding' })),
  });
  let env: NodeTestEnv;
  beforeAll(async () => {
    env = await nodeTestEnv({ seed });
  });
  afterAll(() => env.close());

  it('lists the quotations of the deal an invoice was made from, with one listing of all quotations per run; an invoice without a deal has none', async () => {
    const before = env.sandbox.stats().byEndpoint['quotations.list'] ?? 0;
    const run = await env.run(sourceOnly('teamleader.source.invoices', { connection: env.connection, withDealQuotations: true }));
    const byKey = new Map(run.records.map((r) => [r.key, r.data as { deal_quotations?: Array<{ id: string; total: unknown }> }]));
    expect(byKey.get(ids.invoiceBooked)?.deal_quotations?.map((q) => q.id).sort()).toEqual([quotation('first'), quotation('second')].sort());
    expect(byKey.get(ids.invoiceBooked)?.deal_quotations?.[0]?.total).toMatchObject({ tax_inclusive: { amount: 10.89 } });
    expect(byKey.get(ids.invoiceDraft)?.deal_quotations).toEqual([]);
    expect((env.sandbox.stats().byEndpoint['quotations.list'] ?? 0) - before).toBe(1);
  });

  it('with the quotations source in the same flow, lists all quotations once for both', async () => {
    const before = env.sandbox.stats().byEndpoint['quotations.list'] ?? 0;
    const doc = flow({
      id: 'invoices-and-quotations',
      nodes: [
        { id: 'invoices', type: 'teamleader.source.invoices', config: { connection: env.connection, withDealQuotations: true } },
        { id: 'quotations', type: 'teamleader.source.quotations', config: { connection: env.connection } },
      ],
    });
    const run = await env.run(doc);
    expect(run.records.filter((r) => r.node === 'quotations').map((r) => r.key).sort()).toEqual([quotation('first'), quotation('second'), quotation('elsewhere')].sort());
    const invoice = run.records.find((r) => r.key === ids.invoiceBooked)?.data as { deal_quotations: Array<{ id: string }> };
    expect(invoice.deal_quotations.map((q) => q.id).sort()).toEqual([quotation('first'), quotation('second')].sort());
    expect((env.sandbox.stats().byEndpoint['quotations.list'] ?? 0) - before).toBe(1);
  });

  it('reads no quotations when not asked', async () => {
    const before = env.sandbox.stats().byEndpoint['quotations.list'] ?? 0;
    const run = await env.run(sourceOnly('teamleader.source.invoices', { connection: env.connection }));
    expect(run.records).toHaveLength(2);
    expect(run.records.every((r) => !('deal_quotations' in (r.data as object)))).toBe(true);
    expect((env.sandbox.stats().byEndpoint['quotations.list'] ?? 0) - before).toBe(0);
  });
});
