/**
 * Incremental reads by syncMarker against the sandbox: paging, cursors, and that every write shows
 * up exactly once in the next read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MplusClient } from './client';
import { demoRelationNumber } from './sandbox/demo-seed';
import { readChanges, type ChangesPage, type MplusSyncEntity, type MplusSyncItems } from './sync';
import { expectSchemaValid, startHarness, type Harness } from './testing/harness';

let h: Harness;
let client: MplusClient;

beforeAll(async () => {
  h = await startHarness();
  client = h.client();
});
afterAll(() => h.close());

async function drain<E extends MplusSyncEntity>(entity: E, from: number, pageSize: number): Promise<ChangesPage<MplusSyncItems[E]>[]> {
  const pages: ChangesPage<MplusSyncItems[E]>[] = [];
  for await (const page of readChanges(client, entity, from, pageSize)) pages.push(page);
  return pages;
}

describe('readChanges', () => {
  it('pages through all relations in marker order with a cursor per page', async () => {
    const { relationSyncMarker } = await client.getCurrentSyncMarkers();
    const pages = await drain('relations', 0, 7);
    expect(pages).toHaveLength(Math.ceil(relationSyncMarker / 7));
    expect(pages.every((p, i) => i === 0 || p.fromMarker === pages[i - 1]?.nextMarker)).toBe(true);
    const markers = pages.flatMap((p) => p.items.map((r) => r.syncMarker));
    expect(markers).toEqual(Array.from({ length: relationSyncMarker }, (_, i) => i + 1));
    expect(pages.at(-1)?.nextMarker).toBe(relationSyncMarker + 1);
  });

  it('returns only what changed since the stored cursor, each change once', async () => {
    const cursor = (await client.getCurrentSyncMarkers()).relationSyncMarker + 1;
    expect(await drain('relations', cursor, 10)).toEqual([]);
    const created = await client.createRelation({ name: 'Sync Klant' });
    await client.updateRelation({ relationNumber: demoRelationNumber('c02'), telephone: '+31 30 1234567' });
    await client.updateRelation({ relationNumber: created.relationNumber, email: 'sync@example.com' });
    const pages = await drain('relations', cursor, 10);
    // The new relation changed twice but is listed once, with its latest marker.
    expect(pages.flatMap((p) => p.items.map((r) => r.relationNumber))).toEqual([demoRelationNumber('c02'), created.relationNumber]);
    expect(pages.flatMap((p) => p.items.map((r) => r.email))).toEqual(['info@drogisterij.de.vries.c02.example.com', 'sync@example.com']);
  });

  it('pages products by article count and never splits a product', async () => {
    const cursor = (await client.getCurrentSyncMarkers()).articleSyncMarker + 1;
    const big = await client.createProduct({
      description: 'Theeset',
      articleList: [
        { description: 'Theeset rood', colour: 'rood', vatCode: 2, priceExcl: 2500 },
        { description: 'Theeset blauw', colour: 'blauw', vatCode: 2, priceExcl: 2500 },
        { description: 'Theeset groen', colour: 'groen', vatCode: 2, priceExcl: 2500 },
      ],
    });
    await client.updateProduct({ productNumber: 1000, extraText: 'nieuw' });
    const pages = await drain('products', cursor, 2);
    expect(pages.map((p) => p.items.map((x) => [x.productNumber, x.articleList?.length]))).toEqual([[[big.productNumber, 3]], [[1000, 1]]]);
  });

  it('reads all seeded orders in pages, and headers only when asked', async () => {
    const { orderSyncMarker } = await client.getCurrentSyncMarkers();
    const pages = await drain('orders', 1, 50);
    expect(pages.reduce((n, p) => n + p.items.length, 0)).toBe(orderSyncMarker);
    const headers = client.readChanges('orders', 1, 5, { includeLineList: false });
    const first = await headers.next();
    expect(first.done).toBe(false);
    expect(first.value?.items.every((o) => o.lineList === undefined)).toBe(true);
    await headers.return(undefined);
  });

  it('reads article group changes, employees and invoices the same way', async () => {
    expect((await drain('articleGroups', 0, 4)).flatMap((p) => p.items.map((g) => g.name))).toEqual(['Koffie', 'Thee', 'Gebak', 'Servies', 'Cadeaus', 'Kleding']);
    expect((await drain('employees', 0, 1)).map((p) => p.items[0]?.employeeNumber)).toEqual([999999, 1]);
    expect(await drain('invoices', 0, 10)).toEqual([]);
    await client.saveInvoice({ relationNumber: demoRelationNumber('c01'), lineList: [{ articleNumber: 1001, data: { quantity: 1 } }] });
    expect((await drain('invoices', 0, 10)).flatMap((p) => p.items)).toHaveLength(1);
  });

  it('every request and response of this file validates against the WSDL schema', async () => {
    await expectSchemaValid(h.exchanges);
  });
});
