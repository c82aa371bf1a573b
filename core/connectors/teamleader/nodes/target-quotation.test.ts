import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, nodeTestEnv, sampleInto, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeEach(async () => {
  env = await nodeTestEnv();
});
afterEach(() => env.close());

const target = (config: Record<string, unknown> = {}) => ({ type: 'teamleader.target.quotation', config: { connection: env.connection, payload: 'quotation', ...config } });
const order = (id: string, lines: unknown[] = [{ quantity: 3, description: 'Kopje', unit_price: 4.5, tax_rate: 21, product_code: '1000', discount: 10 }]) => ({
  id,
  quotation: { customer: { type: 'company', id: ids.bakery }, contact_person_id: ids.bram, title: `Bestelling ${id}`, lines, text: 'Met dank voor uw bestelling' },
});

describe('teamleader.target.quotation (golden)', () => {
  it('makes a deal for the customer and the quotation with the lines in it', async () => {
    const run = await env.run(sampleInto(target(), [order('1042')]));
    expect(run.summary.status).toBe('succeeded');
    const state = env.sandbox.state();
    expect(state.deals).toEqual([
      expect.objectContaining({ title: 'Bestelling 1042 [1042]', lead: { customer: { type: 'company', id: ids.bakery }, contact_person_id: ids.bram }, department_id: ids.department, estimated_value: { amount: 12.15, currency: 'EUR' } }),
    ]);
    expect(state.quotations).toEqual([
      expect.objectContaining({
        deal_id: state.deals[0]?.id,
        text: 'Met dank voor uw bestelling',
        grouped_lines: [{ line_items: [{ quantity: 3, description: 'Kopje', unit_price: { amount: 4.5, tax: 'excluding' }, tax_rate_id: ids.taxRate(21), product_id: ids.kopje, discount: { value: 10, type: 'percentage' } }] }],
      }),
    ]);
    expect(run.records[0]).toMatchObject({ action: 'create', targetId: state.quotations[0]?.id, data: expect.objectContaining({ teamleaderQuotationId: state.quotations[0]?.id }) });
  });

  it('recognises an order that has its quotation already, also with an empty ledger', async () => {
    await env.run(sampleInto(target(), [order('1043')]));
    env.store.ledger.forget(`teamleader:${env.connection}`, 'quotation', '1043');
    const again = await env.run(sampleInto(target(), [order('1043'), order('1044')]));
    expect(again.records.map((r) => r.status)).toEqual(['skipped', 'ok']);
    expect(env.sandbox.state().deals.map((d) => d.title).sort()).toEqual(['Bestelling 1043 [1043]', 'Bestelling 1044 [1044]']);
    expect(env.sandbox.state().quotations).toHaveLength(2);
  });

  it('a refused quotation fails the record, and the next try uses the deal it made', async () => {
    const bad = order('1045', [{ quantity: 1, description: 'Boek', unit_price: 10, tax_rate_id: ids.otherTaxRate, product_id: '00000000-0000-4000-8000-000000000000' }]);
    const run = await env.run(sampleInto(target(), [bad]));
    expect(run.records[0]?.message).toBe(
      'Teamleader refused the quotation: The product 00000000-0000-4000-8000-000000000000 does not exist (field grouped_lines.0.line_items.0.product_id) (the deal "Bestelling 1045 [1045]" was made and is used again on the next try)',
    );
    const fixed = await env.run(sampleInto(target(), [order('1045')]));
    expect(fixed.records[0]).toMatchObject({ status: 'ok', action: 'create' });
    expect(env.sandbox.state().deals).toHaveLength(1);
    expect(env.sandbox.state().quotations).toHaveLength(1);
  });
});
