/**
 * Golden tests of the MplusKASSA lookups, one describe per node type, against one sandbox with the
 * demo shop (one file for the three, because each test file costs seconds of start-up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeNodeType } from '../../../nodes/define-node';
import { CONNECTION, operations, sample, startNodeHarness, type NodeHarness } from '../testing/node-harness';
import { mplusNodeTypes } from './index';

let h: NodeHarness;
beforeAll(async () => (h = await startNodeHarness()));
afterAll(() => h.close());

describe('mplus.lookup.relation (golden)', () => {
  it('finds the customer by email (ignoring capitals and spaces), once per email per run', async () => {
    const anna = h.sandbox.state().relations.find((r) => r.email && !r.companyName);
    const shouting = `  ${anna?.email?.toUpperCase()} `;
    h.exchanges.length = 0;
    const run = await h.run([
      sample([
        { id: 'o1', customer: { email: shouting } },
        { id: 'o2', customer: { email: anna?.email } },
        { id: 'o3', customer: { email: 'nobody@example.com' } },
        { id: 'o4', customer: {} },
      ]),
      { id: 'who', type: 'mplus.lookup.relation', config: { connection: CONNECTION, key: 'customer.email', as: 'customer.mplus' } },
    ]);
    expect(run.records.map((r) => [r.key, r.port])).toEqual([['o1', 'found'], ['o2', 'found'], ['o3', 'missing'], ['o4', 'missing']]);
    expect(run.records[0]?.data).toMatchObject({ id: 'o1', customer: { email: shouting, mplus: { relationNumber: anna?.relationNumber, name: anna?.name, email: anna?.email, city: anna?.city } } });
    expect(run.records[2]?.lineage.at(-1)?.note).toBe('no customer with email nobody@example.com in MplusKASSA');
    expect(run.records[3]?.lineage.at(-1)?.note).toBe('customer.email is empty');
    // Found: one exact search, and every relation read once a run (is the email another's too?).
    // Not found: an exact and a partial search (an address stored as typed, " Anna@…").
    expect(operations(h.exchanges).sort()).toEqual(['findRelationV2', 'findRelationV2', 'findRelationV2', 'getRelations', 'getRelations']);
  });

  it('fails a customer whose email another customer has too, naming both; by number only when told to', async () => {
    const anna = h.sandbox.state().relations.find((r) => r.email && !r.companyName);
    const { relationNumber: twin } = await h.client.createRelation({ name: 'Annie Twin', email: ` ${anna?.email?.toUpperCase()}` });
    const lookup = (config: Record<string, unknown>) => ({ id: 'who', type: 'mplus.lookup.relation', config: { connection: CONNECTION, ...config } });
    const byEmail = await h.run([sample([{ id: 'e', email: anna?.email }]), lookup({ key: 'email' })]);
    expect(byEmail.records[0]).toMatchObject({ status: 'failed', node: 'who' });
    expect(byEmail.records[0]?.message).toBe(
      `MplusKASSA has 2 customers with the email address ${anna?.email}: ${anna?.relationNumber} “${anna?.name}” and ${twin} “Annie Twin”. Sincro knows a customer by email, so it cannot tell which one is meant, and changes none of them: give each its own email address in MplusKASSA, or merge them.`,
    );
    const numbers = [{ id: 'n', relationNumber: twin }];
    const told = await h.run([sample(numbers), lookup({ by: 'relationNumber', key: 'relationNumber', sharedEmail: 'fail' })]);
    expect(told.records[0]?.message).toBe(
      `customer ${twin} “Annie Twin” has the email address ${anna?.email}, and so has MplusKASSA customer ${anna?.relationNumber} “${anna?.name}”. Sincro knows a customer by email, so in the other app they would be one customer, with one name: this record is not sent. To send it, give each its own email address in MplusKASSA, or merge them.`,
    );
    const untold = await h.run([sample(numbers), lookup({ by: 'relationNumber', key: 'relationNumber' })]);
    expect(untold.records[0]).toMatchObject({ status: 'ok', port: 'found' });
    // Given an email of its own, the customer is found again by either.
    await h.client.updateRelation({ relationNumber: twin, name: 'Annie Twin', email: 'annie@example.com' });
    const apart = await h.run([sample([{ id: 'e', email: anna?.email, relationNumber: twin }]), lookup({ key: 'email' }), { ...lookup({ by: 'relationNumber', key: 'relationNumber', sharedEmail: 'fail', as: 'twin' }), id: 'twin', after: 'found' }]);
    expect(apart.records[0]).toMatchObject({ status: 'ok', data: { relation: { relationNumber: anna?.relationNumber }, twin: { relationNumber: twin } } });
  });

  it('finds the customer of an MplusKASSA order by relation number', async () => {
    const relation = h.sandbox.state().relations[1];
    const run = await h.run([
      sample([{ id: 'a', relationNumber: relation?.relationNumber }, { id: 'b', relationNumber: 999_999_999 }, { id: 'c', relationNumber: 'R-7' }]),
      { id: 'who', type: 'mplus.lookup.relation', config: { connection: CONNECTION, by: 'relationNumber', key: 'relationNumber' } },
    ]);
    expect(run.records.map((r) => [r.key, r.status, r.port])).toEqual([['a', 'ok', 'found'], ['b', 'ok', 'missing'], ['c', 'failed', null]]);
    expect(run.records[0]?.data).toMatchObject({ relation: { relationNumber: relation?.relationNumber, name: relation?.name } });
    expect(run.records[2]?.message).toBe('relation number R-7 is not a number; MplusKASSA relation numbers are digits only');
  });
});

const lookup = (config: Record<string, unknown> = {}) => ({ id: 'sku', type: 'mplus.lookup.article', config: { connection: CONNECTION, ...config } });

describe('mplus.lookup.article (golden)', () => {
  it('finds articles by SKU, fails a SKU that is not exactly the digits (letters, spaces around it), and asks once per SKU', async () => {
    const product = h.sandbox.state().products[0];
    const article = product?.articleList?.[0];
    const sku = String(article?.articleNumber);
    h.exchanges.length = 0;
    const run = await h.run([sample([{ id: 'l1', sku }, { id: 'l2', sku: ` ${sku}` }, { id: 'l3', sku: '424242' }, { id: 'l4', sku: 'TEA-POT-8' }]), lookup()]);
    expect(run.records.map((r) => [r.key, r.status, r.port])).toEqual([['l1', 'ok', 'found'], ['l2', 'failed', null], ['l3', 'ok', 'missing'], ['l4', 'failed', null]]);
    expect(run.records[0]?.data).toMatchObject({ article: { articleNumber: article?.articleNumber, priceExcl: article?.priceExcl, product: { productNumber: product?.productNumber, groupNumbers: product?.groupNumbers } } });
    expect(run.records[2]?.lineage.at(-1)?.note).toBe('no article 424242 in MplusKASSA');
    expect(run.records[3]?.message).toBe('SKU TEA-POT-8 is not a number; MplusKASSA article numbers are digits only');
    // A padded SKU is another code, not the plain way of writing this article's number (issue 8 #5).
    expect(run.records[1]?.message).toMatch(new RegExp(`^SKU " ${sku}" has spaces around it; MplusKASSA article numbers are digits only, so it would become ${sku}`));
    expect(operations(h.exchanges).filter((op) => op === 'getProducts').length).toBeLessThanOrEqual(2);
  });

  it('with a list of SKUs (an order’s lines), the order is found only when every product exists', async () => {
    const [a, b] = h.sandbox.state().products.map((p) => p.articleList?.[0]?.articleNumber);
    const run = await h.run([
      sample([
        { id: 'complete', lines: [{ sku: String(a) }, { sku: String(b) }] },
        { id: 'unknown-product', lines: [{ sku: String(a) }, { sku: '31337' }, { sku: '31337' }] },
      ]),
      lookup({ key: 'lines.sku', as: 'articles' }),
    ]);
    expect(run.records.map((r) => r.port)).toEqual(['found', 'missing']);
    expect((run.records[0]?.data as { articles: Array<{ articleNumber: number }> }).articles.map((x) => x.articleNumber)).toEqual([a, b]);
    // Named once, however many of its lines ask for it.
    expect(run.records[1]?.lineage.at(-1)?.note).toBe('no article 31337 in MplusKASSA');
  });
});

describe('mplus.lookup.order (golden)', () => {
  it('tells an order that was synced already (by extOrderId) from a new one', async () => {
    const synced = h.sandbox.state().orders.find((o) => o.extOrderId);
    const run = await h.run([
      sample([{ id: synced?.extOrderId }, { id: 'tl-invoice-new' }]),
      { id: 'done', type: 'mplus.lookup.order', config: { connection: CONNECTION } },
    ]);
    expect(run.records.map((r) => [r.key, r.port])).toEqual([[synced?.extOrderId, 'found'], ['tl-invoice-new', 'missing']]);
    expect(run.records[0]?.data).toMatchObject({ mplusOrder: { orderId: synced?.orderId, extOrderId: synced?.extOrderId, totalInclAmount: synced?.totalInclAmount } });
    expect(run.records[1]?.lineage.at(-1)?.note).toBe('no order with extOrderId tl-invoice-new in MplusKASSA');
  });

  it('finds an order the same run wrote: what it found before the write is forgotten', async () => {
    const relationNumber = h.sandbox.state().relations[0]?.relationNumber ?? 0;
    const articleNumber = h.sandbox.state().products[0]?.articleList?.[0]?.articleNumber ?? 0;
    const order = { extOrderId: 'Teamleader invoice w-1', relationNumber, lineList: [{ articleNumber, data: { quantity: 1 } }] };
    const lookup = (id: string, after?: string) => ({ id, type: 'mplus.lookup.order', config: { connection: CONNECTION, key: 'order.extOrderId', as: id }, ...(after ? { after } : {}) });
    const run = await h.run([
      sample([{ id: 'w-1', order }]),
      lookup('before'),
      { id: 'book', type: 'mplus.target.order', config: { connection: CONNECTION, payload: 'order' }, after: 'missing' },
      lookup('written'),
    ]);
    const booked = h.sandbox.state().orders.find((o) => o.extOrderId === order.extOrderId);
    expect(run.records[0]).toMatchObject({ status: 'ok', port: 'found', data: { written: { orderId: booked?.orderId } } });
  });

  it('finds invoices by extInvoiceId, and the documents of Teamleader quotations by their marker, from one id or a list', async () => {
    const customer = h.sandbox.state().relations[0]?.relationNumber ?? 0;
    const article = h.sandbox.state().products[0]?.articleList?.[0]?.articleNumber ?? 0;
    const invoice = await h.client.saveInvoice({ extInvoiceId: 'Teamleader invoice t-0001', relationNumber: customer, lineList: [{ articleNumber: article, data: { quantity: 1 } }] });
    const quoted = h.sandbox.state().orders.find((o) => o.extOrderId);
    const quotation = 'q-0001';
    // As if that order had been made from the quotation: its marker finds it.
    h.sandbox.store().extOrderIds.set(`Teamleader quotation ${quotation}`, quoted?.orderId ?? '');
    const invoices = await h.run([
      sample([{ id: 'i1', ext: 'Teamleader invoice t-0001' }, { id: 'i2', ext: 'Teamleader invoice none' }]),
      { id: 'invoice', type: 'mplus.lookup.order', config: { connection: CONNECTION, key: 'ext', document: 'invoice', as: 'mplusInvoice' } },
    ]);
    expect(invoices.records.map((r) => [r.key, r.port])).toEqual([['i1', 'found'], ['i2', 'missing']]);
    expect(invoices.records[0]?.data).toMatchObject({ mplusInvoice: { invoiceId: invoice?.invoiceId } });
    const total = quoted?.totalInclAmount;
    // A revised quotation of the same deal, booked too, for another total.
    const revised = h.sandbox.state().orders.find((o) => o.totalInclAmount !== total && o.orderId !== quoted?.orderId);
    h.sandbox.store().extOrderIds.set('Teamleader quotation q-0002', revised?.orderId ?? '');
    const run = await h.run([
      sample([
        { id: 'own', ext: quoted?.extOrderId, quotations: [quotation] },
        { id: 'q1', ext: 'Teamleader invoice i-1', quotations: ['q-none', quotation], total },
        { id: 'q2', ext: 'Teamleader invoice i-2', quotations: quotation, total },
        { id: 'other-total', ext: 'Teamleader invoice i-3', quotations: quotation, total: (total ?? 0) + 1 },
        { id: 'none', ext: 'Teamleader invoice i-4', quotations: [] },
        { id: 'revised', ext: 'Teamleader invoice i-5', quotations: [quotation, 'q-0002'], total: revised?.totalInclAmount },
      ]),
      { id: 'quoted', type: 'mplus.lookup.order', config: { connection: CONNECTION, key: 'ext', quotations: 'quotations', quotationAs: 'quoted', quotationTotal: 'total' } },
    ]);
    const byKey = new Map(run.records.map((r) => [r.key, r]));
    // The record's own document first: it goes in `as`.
    expect(byKey.get('own')?.data).toMatchObject({ mplusOrder: { orderId: quoted?.orderId } });
    expect(byKey.get('q1')?.data).toMatchObject({ quoted: { orderId: quoted?.orderId } });
    expect(byKey.get('q1')?.lineage.at(-1)?.note).toBe(`booked as quotation ${quotation} of its deal`);
    expect(byKey.get('q2')?.port).toBe('found');
    const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;
    expect(byKey.get('other-total')).toMatchObject({ status: 'failed', message: `the quotation of its deal is already booked in MplusKASSA, for ${euros(total ?? 0)}, and this one is for ${euros((total ?? 0) + 1)}. Sincro does not book one sale twice: make the MplusKASSA order match, and the next run skips it` });
    // Of the deal's booked quotations, the one with the record's total is the sale.
    expect(byKey.get('revised')?.lineage.at(-1)?.note).toBe('booked as quotation q-0002 of its deal');
    expect(byKey.get('revised')?.data).toMatchObject({ quoted: { orderId: revised?.orderId } });
    expect(byKey.get('none')?.lineage.at(-1)?.note).toBe('no order with extOrderId Teamleader invoice i-4 in MplusKASSA');
  });
});

describe('mplusNodeTypes (all of them)', () => {
  it('each type describes itself for the editor, has a summary, and reports a connection that is not stored', async () => {
    expect(mplusNodeTypes.map((t) => t.type)).toEqual([
      'mplus.source.orders',
      'mplus.source.invoices',
      'mplus.source.relations',
      'mplus.source.products',
      'mplus.source.articleGroups',
      'mplus.lookup.relation',
      'mplus.lookup.article',
      'mplus.lookup.order',
      'mplus.target.relation',
      'mplus.target.order',
      'mplus.target.invoice',
      'mplus.target.product',
      'mplus.target.articleGroup',
    ]);
    for (const t of mplusNodeTypes) {
      const schema = describeNodeType(t).configSchema as { properties: Record<string, { connectionKinds?: string[] }> };
      expect(schema.properties['connection']?.connectionKinds, t.type).toEqual(['mplus', 'mplus-sandbox']);
      const config = t.config.parse({ connection: 'gone', key: 'email', payload: undefined });
      expect(t.summary?.(config)).toMatch(/\w/);
      const env = { baseDir: '.', connection: (id: string) => (id === 'tl' ? { id, kind: 'teamleader', name: 'Teamleader', config: {}, secrets: {} } : undefined) };
      expect(await t.check?.(config, env)).toEqual([{ path: 'config.connection', message: 'the MplusKASSA connection "gone" is not stored. Add it under Connections or pick another.' }]);
      expect(await t.check?.(t.config.parse({ connection: 'tl' }), env)).toEqual([{ path: 'config.connection', message: '"Teamleader" is a teamleader connection, not an MplusKASSA one. Pick an MplusKASSA connection.' }]);
    }
  });
});
