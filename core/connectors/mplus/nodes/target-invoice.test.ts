import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION, sample, startNodeHarness, type NodeHarness } from '../testing/node-harness';

let h: NodeHarness;
beforeAll(async () => (h = await startNodeHarness()));
afterAll(() => h.close());

// No payload field: the whole record is the invoice.
const target = { id: 'invoice', type: 'mplus.target.invoice', config: { connection: CONNECTION } };
const invoicesWith = (extInvoiceId: string) => h.sandbox.state().invoices.filter((i) => i.extInvoiceId === extInvoiceId);

function invoice(extInvoiceId: string, overrides: Record<string, unknown> = {}) {
  const relationNumber = h.sandbox.state().relations[2]?.relationNumber;
  const articleNumber = h.sandbox.state().products[1]?.articleList?.[0]?.articleNumber;
  return { extInvoiceId, relationNumber, financialDate: '2026-03-06', vatMethod: 'VAT-METHOD-EXCLUSIVE', lineList: [{ articleNumber, data: { quantity: 3, priceExcl: 2500 } }], ...overrides };
}

describe('mplus.target.invoice (golden)', () => {
  it('books the invoice once, recognised by its extInvoiceId', async () => {
    const run = await h.run([sample([invoice('tl-inv-10')], 'extInvoiceId'), target]);
    const [stored] = invoicesWith('tl-inv-10');
    expect(stored).toMatchObject({ employeeNumber: 999999, totalExclAmount: 7500, financialDate: '2026-03-06', lineList: [{ data: { quantity: 3 } }] });
    expect(run.records[0]).toMatchObject({ status: 'ok', action: 'create', targetId: stored?.invoiceId, data: { mplusInvoiceId: stored?.invoiceId } });

    const store = h.freshStore();
    try {
      const again = await h.run([sample([invoice('tl-inv-10')], 'extInvoiceId'), target], { store });
      expect(again.records[0]).toMatchObject({ status: 'skipped', message: `already synced: invoice ${stored?.invoiceId} exists in the target` });
    } finally {
      store.dispose();
    }
    expect(invoicesWith('tl-inv-10')).toHaveLength(1);
  });

  it('updates an invoice in upsert mode, with the counters MplusKASSA gave it', async () => {
    const upsert = { ...target, config: { ...target.config, mode: 'upsert' } };
    await h.run([sample([invoice('tl-inv-11')], 'extInvoiceId'), upsert]);
    const run = await h.run([sample([invoice('tl-inv-11', { reference: 'corrected' })], 'extInvoiceId'), upsert]);
    expect(run.records[0]).toMatchObject({ status: 'ok', action: 'update' });
    expect(invoicesWith('tl-inv-11')).toMatchObject([{ reference: 'corrected', changeCounter: 2 }]);
  });

  it('fails an invoice with a field MplusKASSA does not know, before sending it', async () => {
    const run = await h.run([sample([invoice('tl-inv-12', { colour: 'red' })], 'extInvoiceId'), target]);
    expect(run.records[0]?.message).toBe('the invoice does not fit MplusKASSA: invoice.colour: Invoice has no field colour');
    expect(invoicesWith('tl-inv-12')).toEqual([]);
  });
});
