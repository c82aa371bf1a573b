import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../demo-shop';
import { ids, nodeTestEnv, smallSeed, sourceOnly, type NodeTestEnv } from './test-support';

const noteId = demoId('teamleader.test.credit-note', 'kopje');

let env: NodeTestEnv;
beforeAll(async () => {
  const seed = smallSeed();
  const booked = seed.invoices.find((i) => i.id === ids.invoiceBooked);
  if (!booked) throw new Error('the small seed has no booked invoice');
  env = await nodeTestEnv({
    seed: smallSeed({
      creditNotes: [
        {
          id: noteId,
          department_id: ids.department,
          invoice_id: ids.invoiceBooked,
          credit_note_date: '2026-01-20',
          invoicee: booked.invoicee,
          grouped_lines: [{ line_items: [{ ...(booked.grouped_lines[0]?.line_items[0] as object), quantity: 1 }] }],
          created_at: '2026-01-20T09:00:00+00:00',
          updated_at: '2026-01-20T09:00:00+00:00',
        },
      ],
    } as never),
  });
});
afterAll(() => env.close());

describe('teamleader.source.creditNotes (golden)', () => {
  it('reads a credit note with its lines, customer and the invoice it credits (where that sale came from, what is still due); the next run reads nothing new', async () => {
    const doc = sourceOnly('teamleader.source.creditNotes', { connection: env.connection });
    const first = await env.run(doc);
    expect(first.records.map((r) => r.key)).toEqual([noteId]);
    const data = first.records[0]?.data as { total: { tax_inclusive: { amount: number } }; credited_invoice: { total: { payable: { amount: number }; due: { amount: number } } } };
    expect(data).toMatchObject({
      id: noteId,
      credit_note_date: '2026-01-20',
      grouped_lines: [{ line_items: [{ quantity: 1, description: 'Kopje', product: { id: ids.kopje, code: '1000', name: 'Kopje' }, tax: { percentage: 21 } }] }],
      customer: { type: 'company', id: ids.bakery, name: 'Bakkerij Jansen' },
      credited_invoice: {
        id: ids.invoiceBooked,
        purchase_order_number: ids.syncedOrder,
        status: 'outstanding',
        paid: false,
        // Its purchase order number is an MplusKASSA order id (as an older Sincro wrote it): that sale.
        origin: { app: 'mplus', entity: 'order', id: ids.syncedOrder },
        deal_quotation_ids: [],
      },
    });
    expect(data.total.tax_inclusive.amount).toBe(5.45);
    expect(data.credited_invoice.total.payable.amount).toBe(10.89);
    expect(data.credited_invoice.total.due.amount).toBe(5.44);
    expect(first.records[0]?.label).toMatch(/\d{4} \/ \d+/);

    const second = await env.run(doc);
    expect(second.records).toEqual([]);
  });
});
