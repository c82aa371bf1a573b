/**
 * A Teamleader invoice credited after it was synced: the credit note reaches MplusKASSA as a
 * document of negative amounts, once, only where its invoice is, and never comes back. The real
 * templates against both sandboxes, asserted on what the sandboxes hold afterwards.
 */
import { describe, expect, it } from 'vitest';
import { originOfExternalId, originOfPurchaseOrderNumber } from '../connectors/shared/origin-marker';
import { demoId } from '../connectors/demo-shop';
import { toTeamleaderDateTime } from '../connectors/teamleader/schemas-common';
import type { TeamleaderSeed } from '../connectors/teamleader/sandbox/seed-schema';
import { creditNoteOf, testIds, type ShopSpec } from './testing/shop-seeds';
import type { MplusState, TemplateEnv } from './testing/template-env';
import { anna, coffee, tea, startShop } from './testing/small-shop';

const start = startShop();

/** A shop whose one Teamleader invoice sells Anna a coffee: 16.49 + 21 % = 19.95. */
const oneCoffeeInvoice = (key: string): ShopSpec => ({
  customers: [anna],
  products: [coffee],
  mplusDocuments: [],
  teamleaderDocuments: [{ key, type: 'invoice', customerKey: 'anna', status: 'outstanding', lines: [{ productKey: 'coffee', quantity: 1, unitPrice: 16.49 }] }],
});

type Lines = TeamleaderSeed['invoices'][number]['grouped_lines'];
type InvoiceOf = TeamleaderSeed['invoices'][number];

async function creditInTeamleader(e: TemplateEnv, invoiceId: string, key: string, lines?: (invoice: InvoiceOf) => Lines): Promise<string> {
  let id = '';
  await e.resetTeamleader((state) => {
    const invoice = state.invoices.find((i) => i.id === invoiceId);
    if (!invoice) throw new Error(`no invoice ${invoiceId}`);
    const now = toTeamleaderDateTime(Date.now());
    const note = creditNoteOf(invoice, demoId('test.credit-note', key), { date: now.slice(0, 10), stamp: now, ...(lines ? { lines: lines(invoice) } : {}) });
    id = note.id;
    return { ...state, creditNotes: [...(state.creditNotes ?? []), note] } as TeamleaderSeed;
  });
  return id;
}

/** MplusKASSA's documents of the kind the template books (orders by default), with the Teamleader document each came from. */
const documentsFrom = (mp: MplusState, kind: 'orders' | 'invoices', teamleaderId: string) =>
  (mp[kind] as Array<Record<string, unknown>>).filter((d) => originOfExternalId(kind === 'orders' ? d['extOrderId'] : d['extInvoiceId'])?.id === teamleaderId);

describe('A Teamleader invoice credited after it was synced', () => {
  const shop: ShopSpec = {
    customers: [anna],
    products: [coffee, tea],
    mplusDocuments: [{ key: 'till', type: 'order', customerKey: 'anna', vatMethod: 'VAT-METHOD-INCLUSIVE', lines: [{ productKey: 'coffee', quantity: 2, priceCents: 1995 }] }],
    teamleaderDocuments: [
      { key: 'sale', type: 'invoice', customerKey: 'anna', status: 'outstanding', lines: [{ productKey: 'coffee', quantity: 3, unitPrice: 16.49 }, { productKey: 'tea', quantity: 2, unitPrice: 3.5 }] },
    ],
  };

  for (const mplusDocument of ['order', 'invoice'] as const) {
    it(`is booked in MplusKASSA as a negative ${mplusDocument}, once, to the cent, and never goes back to Teamleader`, async () => {
      const e = await start(shop);
      const kind = mplusDocument === 'order' ? 'orders' : 'invoices';
      const first = await e.run('orders-teamleader-to-mplus', { settings: { mplusDocument } });
      expect(first.summary.failed, JSON.stringify(first.failures)).toBe(0);
      const sale = documentsFrom(await e.mplus(), kind, testIds.document('sale'));
      expect(sale.map((d) => d['totalInclAmount'])).toEqual([6749]);

      const noteId = await creditInTeamleader(e, testIds.document('sale'), 'full');
      const second = await e.run('orders-teamleader-to-mplus', { settings: { mplusDocument } });
      expect(second.summary.failed, JSON.stringify(second.failures)).toBe(0);
      const credits = documentsFrom(await e.mplus(), kind, noteId);
      expect(credits).toHaveLength(1);
      expect(credits[0]?.['totalInclAmount']).toBe(-6749);
      const quantities = (credits[0]?.['lineList'] as Array<{ data: { quantity: number } }>).map((l) => l.data.quantity);
      expect(quantities.every((q) => q < 0)).toBe(true);
      // An MplusKASSA credit invoice names the invoice it credits; an order has no such field.
      expect(credits[0]?.['creditedInvoiceId']).toBe(mplusDocument === 'invoice' ? sale[0]?.['invoiceId'] : undefined);

      // Read again (changed in Teamleader): still one.
      await e.resetTeamleader((state) => ({ ...state, creditNotes: state.creditNotes.map((n) => ({ ...n, updated_at: toTeamleaderDateTime(Date.now() + 1000) })) }));
      const third = await e.run('orders-teamleader-to-mplus', { settings: { mplusDocument } });
      expect(third.summary.failed, JSON.stringify(third.failures)).toBe(0);
      expect(documentsFrom(await e.mplus(), kind, noteId)).toHaveLength(1);

      // The other way, the negative document is Teamleader's own credit: never sent back.
      const invoicesBefore = (await e.teamleader()).invoices.length;
      const toTeamleader = await e.run('orders-mplus-to-teamleader', { settings: { sendInvoices: true } });
      expect(toTeamleader.summary.failed, JSON.stringify(toTeamleader.failures)).toBe(0);
      const tl = await e.teamleader();
      expect(tl.invoices.filter((i) => originOfPurchaseOrderNumber(i.purchase_order_number)?.id === (credits[0]?.[mplusDocument === 'order' ? 'orderId' : 'invoiceId'] as string))).toEqual([]);
      // Only the till order went: the credit's document did not.
      expect(tl.invoices.length).toBe(invoicesBefore + 1);
    }, 90_000);
  }

  it('a partial credit books what was credited, to the cent', async () => {
    const e = await start(shop);
    await e.run('orders-teamleader-to-mplus');
    // Two of the three coffees: 2 × 16.49 × 1.21 = 39.91 (rounded per line as Teamleader does).
    const noteId = await creditInTeamleader(e, testIds.document('sale'), 'partial', (invoice) => [
      { ...invoice.grouped_lines[0], line_items: (invoice.grouped_lines[0]?.line_items ?? []).slice(0, 1).map((l) => ({ ...l, quantity: 2 })) },
    ] as Lines);
    const run = await e.run('orders-teamleader-to-mplus');
    expect(run.summary.failed, JSON.stringify(run.failures)).toBe(0);
    const [creditDoc] = documentsFrom(await e.mplus(), 'orders', noteId);
    expect(creditDoc?.['totalInclAmount']).toBe(-3991);
  }, 60_000);
});

describe('A credit of an invoice whose marker a person edited away in MplusKASSA', () => {
  it('is booked all the same: the id ledger knows the invoice’s document', async () => {
    const e = await start(oneCoffeeInvoice('sale'));
    await e.run('orders-teamleader-to-mplus');
    // The sandbox still finds an order by an extOrderId it had before (unique forever); whether
    // MplusKASSA does is not documented, so here it does not: only the ledger knows the copy.
    await e.resetMplus((seed) => ({
      ...seed,
      state: {
        ...seed.state,
        orders: seed.state.orders.map((o) => (originOfExternalId(o.extOrderId) ? { ...o, extOrderId: 'webshop 1' } : o)),
        usedExtOrderIds: seed.state.usedExtOrderIds.filter((u) => !originOfExternalId(u.extOrderId)),
      },
    }));
    const noteId = await creditInTeamleader(e, testIds.document('sale'), 'after-edit');
    const run = await e.run('orders-teamleader-to-mplus');
    expect(run.summary.failed, JSON.stringify(run.failures)).toBe(0);
    expect(documentsFrom(await e.mplus(), 'orders', noteId).map((d) => d['totalInclAmount'])).toEqual([-1995]);
  }, 60_000);
});

describe('A credit note whose invoice is not in MplusKASSA', () => {
  it('credited before its invoice was synced: both go in the same run, the invoice first, and the next run writes nothing', async () => {
    const e = await start(oneCoffeeInvoice('sale'));
    const noteId = await creditInTeamleader(e, testIds.document('sale'), 'early');
    const first = await e.run('orders-teamleader-to-mplus');
    expect(first.summary.failed, JSON.stringify(first.failures)).toBe(0);
    const mp = await e.mplus();
    expect(documentsFrom(mp, 'orders', testIds.document('sale')).map((d) => d['totalInclAmount'])).toEqual([1995]);
    expect(documentsFrom(mp, 'orders', noteId).map((d) => d['totalInclAmount'])).toEqual([-1995]);

    const second = await e.run('orders-teamleader-to-mplus');
    expect(second.summary.failed, JSON.stringify(second.failures)).toBe(0);
    expect(Object.values(second.summary.nodes).reduce((n, c) => n + c.created + c.updated, 0)).toBe(0);
  }, 60_000);

  it('whose invoice fails in the same run: the credit fails naming why, and goes with its invoice once that is fixed', async () => {
    const e = await start({ ...oneCoffeeInvoice('sale'), products: [{ ...coffee, inMplus: false }] });
    const noteId = await creditInTeamleader(e, testIds.document('sale'), 'early');
    const first = await e.run('orders-teamleader-to-mplus');
    expect(first.summary.status).toBe('partial');
    const said = new Map(e.records(first.summary.runId).map((r) => [r.key, r.message]));
    expect(said.get(testIds.document('sale'))).toMatch(/a product of this order is not in MplusKASSA/);
    expect(said.get(noteId)).toMatch(/the invoice this credit note credits is not in MplusKASSA \(yet\)/);
    expect(documentsFrom(await e.mplus(), 'orders', noteId)).toHaveLength(0);

    await e.run('products-teamleader-to-mplus');
    const second = await e.run('orders-teamleader-to-mplus');
    expect(second.summary.failed, JSON.stringify(second.failures)).toBe(0);
    const mp = await e.mplus();
    const net = [...documentsFrom(mp, 'orders', testIds.document('sale')), ...documentsFrom(mp, 'orders', noteId)].reduce((sum, d) => sum + Number(d['totalInclAmount']), 0);
    expect(net).toBe(0);
  }, 60_000);

  it('with only paid invoices sent: an unpaid invoice credited in full is never sent, and neither is its credit', async () => {
    const e = await start(oneCoffeeInvoice('cancelled'));
    await creditInTeamleader(e, testIds.document('cancelled'), 'cancel');
    const run = await e.run('orders-teamleader-to-mplus', { settings: { onlyPaidInvoices: true } });
    expect(run.summary.failed, JSON.stringify(run.failures)).toBe(0);
    expect(run.summary.skipped).toBe(2);
    const mp = await e.mplus();
    expect(mp.orders.filter((o) => originOfExternalId(o.extOrderId))).toEqual([]);
  }, 60_000);
});

describe('A credit in Teamleader of a sale invoiced at the till', () => {
  it('is an MplusKASSA credit invoice of that invoice', async () => {
    const e = await start({
      customers: [anna],
      products: [coffee],
      mplusDocuments: [{ key: 'till-invoice', type: 'invoice', customerKey: 'anna', vatMethod: 'VAT-METHOD-INCLUSIVE', lines: [{ productKey: 'coffee', quantity: 1, priceCents: 1995 }] }],
      teamleaderDocuments: [],
    });
    await e.run('orders-mplus-to-teamleader', { settings: { sendInvoices: true } });
    const copy = (await e.teamleader()).invoices.find((i) => originOfPurchaseOrderNumber(i.purchase_order_number)?.id === testIds.mplusInvoice('till-invoice'));
    const noteId = await creditInTeamleader(e, copy?.id as string, 'till-invoice-credit');
    const run = await e.run('orders-teamleader-to-mplus', { settings: { mplusDocument: 'invoice' } });
    expect(run.summary.failed, JSON.stringify(run.failures)).toBe(0);
    const [creditDoc] = documentsFrom(await e.mplus(), 'invoices', noteId);
    expect(creditDoc).toMatchObject({ totalInclAmount: -1995, creditedInvoiceId: testIds.mplusInvoice('till-invoice'), invoiceType: 'INVOICE-TYPE-CREDIT-INVOICE' });
  }, 60_000);
});

describe('A credit in Teamleader of a sale made at the till', () => {
  it('is booked in MplusKASSA against that sale', async () => {
    const e = await start({
      customers: [anna],
      products: [coffee],
      mplusDocuments: [{ key: 'till', type: 'order', customerKey: 'anna', vatMethod: 'VAT-METHOD-INCLUSIVE', lines: [{ productKey: 'coffee', quantity: 2, priceCents: 1995 }] }],
      teamleaderDocuments: [],
    });
    await e.run('orders-mplus-to-teamleader', { settings: { sendInvoices: true } });
    const copy = (await e.teamleader()).invoices.find((i) => originOfPurchaseOrderNumber(i.purchase_order_number)?.id === testIds.mplusOrder('till'));
    expect(copy).toBeDefined();
    const noteId = await creditInTeamleader(e, copy?.id as string, 'till-credit');
    const run = await e.run('orders-teamleader-to-mplus');
    expect(run.summary.failed, JSON.stringify(run.failures)).toBe(0);
    const [creditDoc] = documentsFrom(await e.mplus(), 'orders', noteId);
    expect(creditDoc?.['totalInclAmount']).toBe(-3990);
  }, 60_000);
});
