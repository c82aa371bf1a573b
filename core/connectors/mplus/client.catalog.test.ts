/**
 * Client ↔ sandbox over real HTTP: meta, relations, employees, products, article groups, stock and
 * reference data. The last test validates every exchange of this file against the WSDL schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MplusClient } from './client';
import { MplusAlreadyExistsError, MplusNotFoundError, MplusResultError, MplusValidationError } from './errors';
import { demoRelationNumber } from './sandbox/demo-seed';
import { expectSchemaValid, startHarness, type Harness } from './testing/harness';
import { catalogOperations } from './testing/operation-coverage';

let h: Harness;
let client: MplusClient;

beforeAll(async () => {
  h = await startHarness();
  client = h.client();
});
afterAll(() => h.close());

describe('MplusClient against the sandbox: catalog', () => {
  it('reads the API version and the current sync markers', async () => {
    const version = await client.getApiVersion();
    expect([version.majorNumber, version.minorNumber, version.revisionNumber]).toEqual([67, 1, 3]);
    const markers = await client.getCurrentSyncMarkers();
    expect(markers.relationSyncMarker).toBeGreaterThan(0);
    expect(markers.articleSyncMarker).toBeGreaterThan(0);
    expect(markers.orderSyncMarker).toBeGreaterThan(0);
  });

  it('sends SOAPAction, Content-Type and X-Request-Id', () => {
    const last = h.exchanges.at(-1);
    expect(last?.headers.soapAction).toBe('getCurrentSyncMarkers');
    expect(last?.headers.contentType).toBe('text/xml; charset=utf-8');
    expect(last?.headers.requestId).toMatch(/^sincro-/);
  });

  it('reads relations by number and returns a one-element list as an array', async () => {
    const one = await client.getRelations({ relationNumbers: [demoRelationNumber('c01')] });
    expect(one).toHaveLength(1);
    expect(one[0]?.email).toBe('kim.bernard.c01@example.com');
    expect(one[0]?.cardNumbers).toEqual([]);
  });

  it('finds relations partially (findRelation) and exactly (findRelationV2), null when absent', async () => {
    const partial = await client.findRelation({ email: 'KIM.BERNARD.C01@' });
    expect(partial?.relationNumber).toBe(demoRelationNumber('c01'));
    expect(await client.findRelationV2({ email: 'kim.bernard.c01@' }, { exactMatch: true })).toBeNull();
    const exact = await client.findRelationV2({ email: 'kim.bernard.c01@example.com' }, { exactMatch: true });
    expect(exact?.name).toBe('Kim Bernard');
    expect(await client.findRelation({ email: 'nobody@example.com' })).toBeNull();
  });

  it('creates and updates a relation; each write bumps the relation marker', async () => {
    const before = (await client.getCurrentSyncMarkers()).relationSyncMarker;
    const created = await client.createRelation({ name: 'Nieuwe Klant', email: 'nieuw@example.com', country: 'NL', birthDate: '1990-02-03' });
    expect(created.syncMarker).toBe(before + 1);
    const updated = await client.updateRelation({ relationNumber: created.relationNumber, city: 'Utrecht' });
    expect(updated.syncMarker).toBe(before + 2);
    const [stored] = await client.getRelations({ relationNumbers: [created.relationNumber] });
    expect(stored).toMatchObject({ name: 'Nieuwe Klant', city: 'Utrecht', birthDate: '1990-02-03' });
    expect(stored?.changeTimestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
  });

  it('turns relation result enums into typed errors', async () => {
    const taken = client.createRelation({ relationNumber: demoRelationNumber('c01'), name: 'Dubbel' });
    await expect(taken).rejects.toBeInstanceOf(MplusAlreadyExistsError);
    await expect(taken).rejects.toMatchObject({ existingId: String(demoRelationNumber('c01')) });
    await expect(client.updateRelation({ relationNumber: 999_999_9, name: 'x' })).rejects.toBeInstanceOf(MplusNotFoundError);
  });

  it('reads employees including the superuser 999999', async () => {
    const employees = await client.getEmployees();
    expect(employees.map((e) => e.employeeNumber)).toContain(999999);
    expect(await client.getEmployees({ employeeNumbers: [999999] })).toHaveLength(1);
  });

  it('reads reference data: VAT groups, payment and delivery methods, turnover groups', async () => {
    expect((await client.getVatGroupList()).map((v) => [v.vatCode, v.vatPercentage])).toEqual([[1, 9], [2, 21], [3, 0]]);
    expect((await client.getPaymentMethods()).map((p) => p.method)).toContain('PIN');
    expect((await client.getDeliveryMethods()).map((d) => d.deliveryMethod)).toContain('POSTNL');
    expect((await client.getTurnoverGroups({ onlyActive: true })).map((t) => t.turnoverGroupName)).toEqual(['Omzet NL', 'Omzet BE', 'Omzet DE', 'Omzet FR', 'Omzet LU']);
  });

  it('creates a product with a numeric article, derives the incl. price and reads it back', async () => {
    const created = await client.createProduct({
      description: 'Koffiemolen',
      groupNumbers: [1],
      articleList: [{ articleNumber: 5001, pluNumber: 'MOLEN-1', description: 'Koffiemolen', priceExcl: 4000, vatCode: 2, contentQuantity: 0.25 }],
    });
    expect(created.articleNumbers).toEqual([5001]);
    const [product] = await client.getProducts({ articleNumbers: [5001] });
    expect(product?.articleList?.[0]).toMatchObject({ articleNumber: 5001, priceExcl: 4000, priceIncl: 4840, vatPercentage: 21, contentQuantity: 0.25 });
    expect((await client.getProducts({ pluNumbers: ['MOLEN-1'] })).map((p) => p.productNumber)).toEqual([created.productNumber]);
  });

  it('refuses a taken article number and a non-numeric one', async () => {
    const dup = client.createProduct({ description: 'Dubbel', articleList: [{ articleNumber: 5001, description: 'x', vatCode: 2 }] });
    await expect(dup).rejects.toBeInstanceOf(MplusAlreadyExistsError);
    await expect(dup).rejects.toThrow(/CREATE-PRODUCT-RESULT-FAILED-ARTICLE-NUMBER-ALREADY-TAKEN/);
    const nonNumeric = client.createProduct({ description: 'Theepot', articleList: [{ articleNumber: 'TEA-POT-8' as unknown as number, description: 'x' }] });
    await expect(nonNumeric).rejects.toBeInstanceOf(MplusValidationError);
  });

  it('updates a product: changes an article and adds a new one', async () => {
    const [product] = await client.getProducts({ articleNumbers: [5001] });
    const productNumber = product?.productNumber ?? 0;
    const result = await client.updateProduct({ productNumber, articleList: [{ articleNumber: 5001, priceIncl: 6050 }, { description: 'Koffiemolen XL', vatCode: 2, priceExcl: 6000 }] });
    expect(result.existingArticleNumbers).toEqual([5001]);
    expect(result.newArticleNumbers).toHaveLength(1);
    const [after] = await client.getProducts({ productNumbers: [productNumber] });
    expect(after?.articleList?.map((a) => [a.articleNumber, a.priceExcl, a.priceIncl])).toEqual([
      [5001, 5000, 6050],
      [result.newArticleNumbers[0], 6000, 7260],
    ]);
    await expect(client.updateProduct({ productNumber: 987654, description: 'x' })).rejects.toBeInstanceOf(MplusNotFoundError);
  });

  it('creates, moves and reads article groups (tree and flat changes)', async () => {
    const { groupNumber } = await client.newArticleGroup({ parentGroupNumber: 1, name: 'Espresso', text: 'Espressobonen' });
    const tree = await client.getArticleGroups({ groupNumbers: [1] });
    expect(tree[0]?.subGroupList.map((g) => g.name)).toEqual(['Espresso']);
    const from = (await client.getCurrentSyncMarkers()).articleGroupSyncMarker ?? 0;
    await client.updateArticleGroup({ groupNumber, parentGroupNumber: 2, name: 'Espresso (thee?)' });
    const changes = await client.getArticleGroupChanges({ syncMarker: from + 1 });
    expect(changes.map((c) => c.groupNumber).sort()).toEqual([1, 2, groupNumber].sort());
    expect(changes.find((c) => c.groupNumber === 2)?.subGroupNumbers).toEqual([groupNumber]);
    await expect(client.newArticleGroup({ parentGroupNumber: 4242, name: 'x', text: '' })).rejects.toBeInstanceOf(MplusNotFoundError);
    await expect(client.updateArticleGroup({ groupNumber: 4242, name: 'x' })).rejects.toBeInstanceOf(MplusNotFoundError);
  });

  it('reads and changes stock with decimal quantities', async () => {
    const [before] = await client.getStock({ branchNumber: 1, articleNumbers: [1000] });
    const { stockId } = await client.updateStock({ branchNumber: 1, articleNumber: 1000, amountChanged: -1.5, employeeNumber: 999999, reference: 'telling' });
    const [after] = await client.getStock({ branchNumber: 1, articleNumbers: [1000] });
    expect(after?.amountFree).toBe((before?.amountFree ?? 0) - 1.5);
    expect(after?.stockId).toBe(stockId);
    expect((await client.getStock({ branchNumber: 1, articleNumbers: [], stockId })).map((s) => s.articleNumber)).toEqual([1000]);
    await expect(client.updateStock({ branchNumber: 1, articleNumber: 42, amountChanged: 1 })).rejects.toBeInstanceOf(MplusNotFoundError);
    await expect(client.updateStock({ branchNumber: 9, articleNumber: 1000, amountChanged: 1 })).rejects.toThrow(/UPDATE-STOCK-RESULT-BRANCH-NOT-FOUND/);
    await expect(client.updateStock({ branchNumber: 1, articleNumber: 1000, amountChanged: 1, employeeNumber: 5 })).rejects.toBeInstanceOf(MplusResultError);
  });

  it('exercised every catalog operation', () => {
    const seen = new Set(h.exchanges.map((e) => e.operation));
    expect(catalogOperations.filter((op) => !seen.has(op))).toEqual([]);
  });

  it('every request and response of this file validates against the WSDL schema', async () => {
    await expectSchemaValid(h.exchanges);
  });
});
