/**
 * Client ↔ sandbox over real HTTP: orders and invoices, extOrderId uniqueness, idempotency replay,
 * changeCounter conflicts, totals/VAT, and the demo shop's cross-links. The last test validates
 * every exchange of this file against the WSDL schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MplusClient } from './client';
import { demoId } from '../demo-shop';
import { MplusAlreadyExistsError, MplusConflictError, MplusNotFoundError, MplusResultError, MplusValidationError } from './errors';
import { demoMplusOrderId, demoRelationNumber } from './sandbox/demo-seed';
import { expectSchemaValid, startHarness, type Harness } from './testing/harness';
import { documentOperations } from './testing/operation-coverage';

let h: Harness;
let client: MplusClient;
const relationNumber = demoRelationNumber('c01');

beforeAll(async () => {
  h = await startHarness();
  client = h.client();
});
afterAll(() => h.close());

const tlInvoiceId = 'tl-invoice-0001';

describe('MplusClient against the sandbox: orders and invoices', () => {
  it('finds the demo orders: made at the till (orderId) and synced from Teamleader (extOrderId)', async () => {
    const [o001] = await client.getOrders({ orderIds: [demoMplusOrderId('o001')] });
    expect(o001?.lineList?.length).toBeGreaterThan(0);
    const synced = await client.findOrder(demoId('teamleader.invoice', 'o009'));
    expect(synced?.orderId).toBe(demoMplusOrderId('o009'));
    expect(await client.findOrder('does-not-exist')).toBeNull();
  });

  it('creates an order: totals, VAT groups and decimal quantities computed from the seeded VAT codes', async () => {
    const created = await client.createOrder({
      extOrderId: tlInvoiceId,
      relationNumber,
      employeeNumber: 999999,
      financialDate: '2026-03-29',
      entryTimestamp: '2026-03-29T12:30:00Z',
      reference: 'TL factuur 1',
      vatMethod: 'VAT-METHOD-EXCLUSIVE',
      paymentMethod: 'IDEAL',
      deliveryMethod: 'POSTNL',
      lineList: [
        { articleNumber: 1000, data: { quantity: 2, priceExcl: 1000 } }, // 0 % VAT in the demo seed
        { articleNumber: 1001, data: { quantity: 0.5, priceExcl: 1995, vatCode: 2 } },
      ],
    });
    expect(created.orderId).toMatch(/^[0-9a-f]{32}$/);
    const order = await client.findOrder(tlInvoiceId);
    expect(order).toMatchObject({ orderId: created.orderId, totalExclAmount: 2998, totalInclAmount: 3208, changeCounter: 1, versionNumber: 1 });
    expect(order?.vatGroupList?.map((v) => [v.vatCode, v.exclAmount, v.vatAmount])).toEqual([[2, 998, 210], [3, 2000, 0]]);
    expect(order?.lineList?.[1]?.data).toMatchObject({ quantity: 0.5, totalExclAmount: 998, totalInclAmount: 1208, vatPercentage: 21 });
    // 12:30 UTC on the first day of summer time is 14:30 in Amsterdam.
    expect(order?.entryTimestamp).toBe('2026-03-29T14:30:00+02:00');
  });

  it('keeps extOrderId unique forever: a second create throws AlreadyExists carrying the id', async () => {
    const again = client.createOrder({ extOrderId: tlInvoiceId, relationNumber, lineList: [{ articleNumber: 1000, data: { quantity: 1 } }] });
    await expect(again).rejects.toBeInstanceOf(MplusAlreadyExistsError);
    await expect(again).rejects.toMatchObject({ existingId: tlInvoiceId, result: 'CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS' });
    await expect(again).rejects.toThrow(/^MplusKASSA createOrder failed: CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS/);
  });

  it('refuses orders without relation or extOrderId before sending, and unknown articles/relations on the server', async () => {
    await expect(client.createOrder({ extOrderId: 'x1', lineList: [] })).rejects.toBeInstanceOf(MplusValidationError);
    await expect(client.createOrder({ relationNumber, lineList: [] })).rejects.toThrow(/extOrderId is required/);
    const unknownArticle = client.createOrder({ extOrderId: 'x2', relationNumber, lineList: [{ articleNumber: 424242, data: { quantity: 1 } }] });
    await expect(unknownArticle).rejects.toThrow(/CREATE-ORDER-RESULT-FAILED: line 1: article 424242 does not exist/);
    await expect(client.createOrder({ extOrderId: 'x3', relationNumber: 4242, lineList: [] })).rejects.toThrow(/Relation 4242 does not exist/);
  });

  it('createOrderV3 replays the first answer for the same idempotencyKey and creates nothing twice', async () => {
    const order = { extOrderId: 'tl-invoice-0002', relationNumber, lineList: [{ articleNumber: 1002, data: { quantity: 3 } }] };
    const first = await client.createOrderV3(order, { idempotencyKey: 'key-1', paymentList: [{ method: 'PIN', amount: 500 }], prepay: true });
    expect(first.replayed).toBe(false);
    expect(first.order?.prepaidAmount).toBe(500);
    const second = await client.createOrderV3(order, { idempotencyKey: 'key-1' });
    expect(second).toMatchObject({ replayed: true, orderId: first.orderId });
    const matching = (await client.getOrders({ relationNumbers: [relationNumber] })).filter((o) => o.extOrderId === 'tl-invoice-0002');
    expect(matching).toHaveLength(1);
    await expect(client.createOrderV3(order, { idempotencyKey: 'key-2' })).rejects.toBeInstanceOf(MplusAlreadyExistsError);
    await expect(client.createOrderV3(order, { idempotencyKey: ' ' })).rejects.toBeInstanceOf(MplusValidationError);
  });

  it('updates an order with its changeCounter; a stale one is a conflict; an unchanged one is NO-CHANGES', async () => {
    const order = await client.findOrder(tlInvoiceId);
    if (!order?.orderId) throw new Error('order missing');
    const lineList = [...(order.lineList ?? []), { articleNumber: 1003, data: { quantity: 1 } }];
    const updated = await client.updateOrder({ ...order, orderId: order.orderId, reference: 'TL factuur 1 (gewijzigd)', lineList });
    expect(updated.changed).toBe(true);
    const after = await client.findOrder(tlInvoiceId);
    expect(after).toMatchObject({ changeCounter: 2, versionNumber: 2, reference: 'TL factuur 1 (gewijzigd)' });
    expect(after?.syncMarker).toBeGreaterThan(order.syncMarker ?? 0);

    const stale = client.updateOrder({ ...order, orderId: order.orderId, reference: 'te laat' });
    await expect(stale).rejects.toBeInstanceOf(MplusConflictError);
    await expect(stale).rejects.toMatchObject({ result: 'UPDATE-ORDER-RESULT-ORDER-HAS-CHANGED' });

    if (!after?.orderId) throw new Error('order missing');
    expect((await client.updateOrder({ ...after, orderId: after.orderId })).changed).toBe(false);
    await expect(client.updateOrder({ orderId: 'f'.repeat(32), changeCounter: 1, versionNumber: 1 })).rejects.toBeInstanceOf(MplusNotFoundError);
  });

  it('reads order headers only when asked, and filters by financial date', async () => {
    const headers = await client.getOrders({ fromFinancialDate: '2026-03-29', throughFinancialDate: '2026-03-29', includeLineList: false });
    expect(headers.map((o) => o.extOrderId)).toContain(tlInvoiceId);
    expect(headers.every((o) => o.lineList === undefined)).toBe(true);
  });

  it('saves, finds and updates invoices with extInvoiceId uniqueness and changeCounter conflicts', async () => {
    const order = await client.findOrder(tlInvoiceId);
    const saved = await client.saveInvoice({
      extInvoiceId: 'ext-inv-1',
      relationNumber,
      orderIds: [order?.orderId ?? ''],
      financialDate: '2026-04-01',
      vatMethod: 'VAT-METHOD-INCLUSIVE',
      lineList: [{ articleNumber: 1001, data: { quantity: 1, price: 1210, vatCode: 2 } }],
      paymentList: [{ method: 'PIN', amount: 1210 }],
    });
    expect(saved.invoiceNumber?.number).toBe(1);
    const invoice = await client.findInvoice('ext-inv-1');
    expect(invoice).toMatchObject({ invoiceId: saved.invoiceId, totalInclAmount: 1210, totalExclAmount: 1000, paidAmount: 1210, state: 'INVOICE-STATE-PAID', dueDate: '2026-04-15' });
    expect((await client.findOrder(tlInvoiceId))?.invoiceIds).toEqual([saved.invoiceId]);
    expect(await client.findInvoice('nope')).toBeNull();

    await expect(client.saveInvoice({ extInvoiceId: 'ext-inv-1', relationNumber, lineList: [] })).rejects.toMatchObject({ existingId: 'ext-inv-1' });
    await client.saveInvoice({ ...invoice, reference: 'herzien' });
    const stale = client.saveInvoice({ ...invoice, reference: 'nog eens' });
    await expect(stale).rejects.toBeInstanceOf(MplusConflictError);
    await expect(client.saveInvoice({ invoiceId: 'nope', changeCounter: 1, versionNumber: 1 })).rejects.toBeInstanceOf(MplusNotFoundError);

    const list = await client.getInvoices({ invoiceIds: [saved.invoiceId] });
    expect(list[0]).toMatchObject({ reference: 'herzien', changeCounter: 2 });
    await expect(client.saveInvoice({ relationNumber, lineList: [{ articleNumber: 1, data: { quantity: 1 } }] })).rejects.toBeInstanceOf(MplusResultError);

    // A credit invoice names the invoice it credits, which must exist.
    const credit = { relationNumber, vatMethod: 'VAT-METHOD-INCLUSIVE' as const, lineList: [{ articleNumber: 1001, data: { quantity: -1, price: 1210, vatCode: 2 } }] };
    await expect(client.saveInvoice({ ...credit, extInvoiceId: 'ext-credit-0', creditedInvoiceId: 'nope' })).rejects.toThrow(/Invoice nope to credit does not exist/);
    const credited = await client.saveInvoice({ ...credit, extInvoiceId: 'ext-credit-1', creditedInvoiceId: saved.invoiceId });
    expect((await client.getInvoices({ invoiceIds: [credited.invoiceId] }))[0]).toMatchObject({ creditedInvoiceId: saved.invoiceId, invoiceType: 'INVOICE-TYPE-CREDIT-INVOICE', totalInclAmount: -1210 });
  });

  it('exercised every order and invoice operation', () => {
    const seen = new Set(h.exchanges.map((e) => e.operation));
    expect(documentOperations.filter((op) => !seen.has(op))).toEqual([]);
  });

  it('every request and response of this file validates against the WSDL schema', async () => {
    await expectSchemaValid(h.exchanges);
  });
});
