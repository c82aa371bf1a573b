/**
 * Sandbox connections keep their data in their state file: across a close and a start, and saved
 * shortly after every change even when the process never closes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredConnection } from '../../engine/services';
import { tempDir } from '../../testing/golden';
import { MplusClient } from './client';
import { closeAllMplusSandboxes, ensureMplusSandbox, newMplusSandboxConnection } from './sandbox-connection';
import { parseMplusSeed } from './sandbox/seed';

const dir = tempDir();
afterAll(async () => {
  await closeAllMplusSandboxes();
  dir.remove();
});

const clientOf = async (connection: StoredConnection) => {
  const { url, ident, secret } = await ensureMplusSandbox(connection);
  return new MplusClient({ baseUrl: url, ident, secret });
};

describe('ensureMplusSandbox', () => {
  it('keeps the data across a close and a restart: records, markers and idempotency keys', async () => {
    const connection: StoredConnection = { id: 'sb', ...(await newMplusSandboxConnection(dir.path)) };
    const stateFile = String(connection.config['stateFile']);
    const client = await clientOf(connection);
    expect(existsSync(stateFile)).toBe(true); // the demo shop, written at the first start
    const { relationNumber } = await client.createRelation({ name: 'Nieuwe Klant', email: 'nieuw@example.nl' });
    const [article] = (await client.getProducts({ syncMarkerLimit: 1 }))[0]?.articleList ?? [];
    const order = { extOrderId: 'persist-1', relationNumber, lineList: [{ articleNumber: article?.articleNumber ?? 0, data: { quantity: 1 } }] };
    const created = await client.createOrderV3(order, { idempotencyKey: 'persist-key' });
    const markers = await client.getCurrentSyncMarkers();
    await closeAllMplusSandboxes();

    const saved = parseMplusSeed(JSON.parse(readFileSync(stateFile, 'utf8')));
    expect(saved.state?.relations.some((r) => r.email === 'nieuw@example.nl')).toBe(true);

    const again = await clientOf(connection);
    expect(await again.getCurrentSyncMarkers()).toEqual(markers);
    expect((await again.findRelationV2({ email: 'nieuw@example.nl' }, { exactMatch: true }))?.relationNumber).toBe(relationNumber);
    expect(await again.createOrderV3(order, { idempotencyKey: 'persist-key' })).toMatchObject({ orderId: created.orderId, replayed: true });
    expect((await again.getOrders({ syncMarker: markers.orderSyncMarker })).map((o) => o.extOrderId)).toEqual(['persist-1']);
  });

  it('saves a change shortly after it happens, without waiting for the close', async () => {
    const connection: StoredConnection = { id: 'sb-live', ...(await newMplusSandboxConnection(dir.path)) };
    const client = await clientOf(connection);
    await client.createRelation({ name: 'Snel Bewaard', email: 'snel@example.nl' });
    await new Promise((r) => setTimeout(r, 400));
    expect(readFileSync(String(connection.config['stateFile']), 'utf8')).toContain('snel@example.nl');
  });

  it('shares one sandbox between the nodes of a run, and uses the one another process already runs on the port', async () => {
    const connection: StoredConnection = { id: 'sb-shared', ...(await newMplusSandboxConnection(dir.path)) };
    const [a, b] = await Promise.all([ensureMplusSandbox(connection), ensureMplusSandbox(connection)]);
    expect(a).toEqual(b);
    // A second connection on the same port with the same credentials stands for "the desktop app runs it already".
    expect(await ensureMplusSandbox({ ...connection, id: 'sb-elsewhere' })).toEqual(a);
  });
});
