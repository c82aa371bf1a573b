import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flow } from '../../../testing/golden';
import { ids, nodeTestEnv, sampleInto, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeEach(async () => {
  env = await nodeTestEnv();
});
afterEach(() => env.close());

const target = (config: Record<string, unknown> = {}) => ({ type: 'teamleader.target.invoice', config: { connection: env.connection, payload: 'invoice', ...config } });
const order = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  invoice: {
    customer: { type: 'contact', id: ids.anna, name: 'Anna de Vries' },
    invoice_date: '2026-03-02',
    note: `Kassabon ${id}`,
    lines: [
      { quantity: 2, description: 'Kopje', unit_price: 4.5, tax_rate: 21, product_code: '1000' },
      { quantity: 1, description: 'Koekje', unit_price: { amount: 1.2, tax: 'excluding' }, tax_rate: '9%', discount: 10 },
    ],
    ...extra,
  },
});

describe('teamleader.target.invoice (golden)', () => {
  it('drafts the invoice with the department’s tax rates, the default payment term and the order id as purchase order number', async () => {
    const run = await env.run(sampleInto(target(), [order('f00d0001')]));
    expect(run.summary.status).toBe('succeeded');
    const invoice = env.sandbox.state().invoices.find((i) => i.purchase_order_number === 'f00d0001');
    expect(invoice).toMatchObject({
      status: 'draft',
      department_id: ids.department,
      invoicee: { customer: { type: 'contact', id: ids.anna } },
      payment_term: { type: 'after_invoice_date', days: 14 },
      invoice_date: '2026-03-02',
      note: 'Kassabon f00d0001',
      grouped_lines: [
        {
          line_items: [
            { quantity: 2, description: 'Kopje', unit_price: { amount: 4.5, tax: 'excluding' }, tax_rate_id: ids.taxRate(21), product_id: ids.kopje },
            { quantity: 1, description: 'Koekje', unit_price: { amount: 1.2, tax: 'excluding' }, tax_rate_id: ids.taxRate(9), discount: { value: 10, type: 'percentage' } },
          ],
        },
      ],
    });
    expect(run.records[0]).toMatchObject({ action: 'create', targetId: invoice?.id, data: expect.objectContaining({ teamleaderInvoiceId: invoice?.id }) });
    // The record's history keeps what Teamleader answered.
    expect(run.records[0]?.lineage.at(-1)?.answer).toEqual({ status: 201, data: { type: 'invoice', id: invoice?.id } });
  });

  it('books at once when asked, and skips an order that is already invoiced, also with an empty ledger', async () => {
    const run = await env.run(sampleInto(target({ book: 'book', paymentTerm: 'cash' }), [order('f00d0002'), order(ids.syncedOrder)]));
    expect(run.records.map((r) => r.status)).toEqual(['ok', 'skipped']);
    expect(run.records[1]?.message).toBe(`already synced: invoice ${ids.invoiceBooked} exists in the target`);
    const state = env.sandbox.state();
    expect(state.invoices.find((i) => i.purchase_order_number === 'f00d0002')).toMatchObject({ status: 'outstanding', invoice_date: '2026-03-02', invoice_number: '2026 / 2', payment_term: { type: 'cash' } });
    expect(state.invoices.filter((i) => i.purchase_order_number === ids.syncedOrder)).toHaveLength(1);
    expect(run.records[0]?.lineage.at(-1)?.note).toBe('booked on 2026-03-02');

    const again = await env.run(sampleInto(target({ book: 'book' }), [order('f00d0002')]));
    expect(again.records[0]).toMatchObject({ status: 'skipped' });
    expect(env.sandbox.state().invoices).toHaveLength(3);
  });

  it('with upsert, changes a draft when the order changed, and refuses to change a booked invoice', async () => {
    await env.run(sampleInto(target(), [order('f00d0007')]));
    const changed = await env.run(sampleInto(target({ mode: 'upsert' }), [order('f00d0007', { note: 'Kassabon f00d0007 (gewijzigd)' }), order(ids.syncedOrder)]));
    expect(changed.records.map((r) => [r.status, r.action])).toEqual([
      ['ok', 'update'],
      ['failed', null],
    ]);
    expect(changed.records[1]?.message).toMatch(/^invoice \d{4} \/ \d+ is booked, and Teamleader does not change booked invoices$/);
    expect(env.sandbox.state().invoices.find((i) => i.purchase_order_number === 'f00d0007')?.note).toBe('Kassabon f00d0007 (gewijzigd)');
  });

  it('fails an order with an unknown VAT rate or a customer Teamleader does not have, in words', async () => {
    const run = await env.run(
      sampleInto(target(), [
        order('f00d0003', { lines: [{ quantity: 1, description: 'Boek', unit_price: 10, tax_rate: 6 }] }),
        order('f00d0004', { customer: { type: 'company', id: ids.anna } }),
        order('f00d0005', { lines: [] }),
      ]),
    );
    expect(run.records.map((r) => r.message)).toEqual([
      'there is no tax rate of 6% in the Teamleader department "Demowinkel BV" (it has 0%, 9%, 21%)',
      `Teamleader refused the invoice: The company ${ids.anna} does not exist (field invoicee.customer.id)`,
      'the invoice to send is not complete: invoice.lines needs lines: lines or grouped_lines',
    ]);
    expect(run.records.map((r) => r.lineage.at(-1)?.field)).toEqual(['invoice.lines.0.tax_rate', 'invoicee.customer.id', 'invoice.lines']);
    expect(env.sandbox.state().invoices).toHaveLength(2);
  });

  it('in a dry run with a customer that would be created, says what it would do and writes nothing', async () => {
    const doc = flow({
      nodes: [
        { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 'f00d0006', email: 'nieuw@example.com', name: 'Nieuw' }] } },
        { id: 'prepare', type: 'core.transform.map', config: { keepOtherFields: true, fields: [{ target: 'customer', expr: '{"email": email, "last_name": name}' }] } },
        { id: 'customer', type: 'teamleader.target.customer', config: { connection: env.connection, payload: 'customer', sourceId: 'email' } },
        { id: 'map', type: 'core.transform.map', config: { keepOtherFields: true, fields: [{ target: 'invoice', expr: '{"customer": teamleaderCustomer, "lines": [{"quantity": 1, "description": "Kopje", "unit_price": 4.5, "tax_rate": 21}]}' }] } },
        { id: 'invoice', type: 'teamleader.target.invoice', config: { connection: env.connection, payload: 'invoice', book: 'book' } },
      ],
      edges: [
        { from: { node: 'src', port: 'out' }, to: { node: 'prepare', port: 'in' } },
        { from: { node: 'prepare', port: 'out' }, to: { node: 'customer', port: 'in' } },
        { from: { node: 'customer', port: 'out' }, to: { node: 'map', port: 'in' } },
        { from: { node: 'map', port: 'out' }, to: { node: 'invoice', port: 'in' } },
      ],
    });
    const run = await env.run(doc, { dryRun: true });
    expect(run.summary.status, JSON.stringify(run.records.map((r) => r.message))).toBe('succeeded');
    expect(run.records[0]).toMatchObject({ action: 'create', targetId: '(new invoice)' });
    expect(run.records[0]?.lineage.at(-1)?.note).toBe('would book it');
    expect(env.sandbox.state().invoices).toHaveLength(2);
    expect(env.sandbox.state().contacts).toHaveLength(2);
  });
});
