/**
 * A sandbox's snapshot is a seed that loads back into exactly the same sandbox: every record,
 * sync marker, document counter, used external id and stored idempotency answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness';
import { storeFromSeed } from './load-seed';
import { seedFromStore } from './save-seed';
import { parseMplusSeed } from './seed';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

/** Every kind of change the sandbox can make. */
async function changeEverything(): Promise<void> {
  const client = h.client();
  const { relationNumber } = await client.createRelation({ name: 'Bakkerij De Zon', companyName: 'Bakkerij De Zon', email: 'zon@example.nl' });
  await client.updateRelation({ relationNumber, city: 'Gouda' });
  const { groupNumber } = await client.newArticleGroup({ parentGroupNumber: 1, name: 'Decaf', text: 'Decaf' });
  await client.updateArticleGroup({ groupNumber: 2, text: 'Thee en kruiden' });
  const { articleNumbers } = await client.createProduct({ description: 'Theepot', groupNumbers: [groupNumber], articleList: [{ articleNumber: 880001, description: 'Theepot', priceExcl: 2495, vatCode: 2 }] });
  await client.updateProduct({ productNumber: h.sandbox.state().products[0]?.productNumber ?? 0, articleList: [{ articleNumber: h.sandbox.state().products[0]?.articleList?.[0]?.articleNumber, priceExcl: 111 }] });
  await client.updateStock({ branchNumber: 1, articleNumber: articleNumbers[0] ?? 0, amountChanged: 2.5 });
  const order = { extOrderId: 'snap-1', relationNumber, lineList: [{ articleNumber: 880001, data: { quantity: 2 } }] };
  const created = await client.createOrderV3(order, { idempotencyKey: 'snap-key', paymentList: [{ method: 'PIN', amount: 100 }], prepay: true });
  await client.createOrderV3({ ...order, relationNumber: 4242 }, { idempotencyKey: 'refused-key' }).catch(() => undefined);
  const [stored] = await client.getOrders({ orderIds: [created.orderId] });
  await client.updateOrder({ ...stored, orderId: created.orderId, extOrderId: 'snap-1-renamed', reference: 'changed' });
  const saved = await client.saveInvoice({ extInvoiceId: 'snap-inv', relationNumber, orderIds: [created.orderId], lineList: [{ articleNumber: 880001, data: { quantity: 1 } }] });
  const [invoice] = await client.getInvoices({ invoiceIds: [saved.invoiceId] });
  await client.saveInvoice({ ...invoice, invoiceId: saved.invoiceId, reference: 'again' });
}

describe('seedFromStore', () => {
  it('round-trips through JSON and the seed loader exactly', async () => {
    await changeEverything();
    const snapshot = h.sandbox.snapshot();
    const reloaded = storeFromSeed(parseMplusSeed(JSON.parse(JSON.stringify(snapshot))), () => new Date('2027-01-01T00:00:00Z'));
    expect(reloaded.snapshot()).toEqual(h.sandbox.state());
    expect(seedFromStore(reloaded)).toEqual(snapshot);
    expect([reloaded.lastOrderNumber, reloaded.lastInvoiceNumber]).toEqual([h.sandbox.store().lastOrderNumber, h.sandbox.store().lastInvoiceNumber]);
    expect([...reloaded.idempotency.keys()]).toEqual(['createOrderV3:snap-key', 'createOrderV3:refused-key']);
    // Both the old and the new extOrderId stay used forever.
    expect([...reloaded.extOrderIds.keys()]).toEqual(expect.arrayContaining(['snap-1', 'snap-1-renamed']));
  });

  it('adds the records of a hand-written seed after the state, continuing its sequences', () => {
    const snapshot = h.sandbox.snapshot();
    const markers = snapshot.state?.syncMarkers;
    const store = storeFromSeed(parseMplusSeed({ ...snapshot, relations: [{ relationNumber: 99001, name: 'Erbij', email: 'erbij@example.nl' }] }), () => new Date());
    expect(store.relations.get(99001)?.syncMarker).toBe((markers?.relation ?? 0) + 1);
    expect(() => parseMplusSeed({ ...snapshot, relations: [{ relationNumber: snapshot.state?.relations[0]?.relationNumber, name: 'Dubbel' }] })).toThrow(/mplus\.relations\[0\]: relationNumber \d+ occurs twice/);
  });
});
