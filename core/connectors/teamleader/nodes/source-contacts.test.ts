import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../test-support';
import { ids, nodeTestEnv, sourceOnly, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

describe('teamleader.source.contacts (golden)', () => {
  it('reads every contact first, then only what changed, and nothing when nothing did', async () => {
    const doc = sourceOnly('teamleader.source.contacts', { connection: env.connection });
    const first = await env.run(doc);
    expect(first.records.map((r) => r.key)).toEqual([ids.anna, ids.bram]);
    expect(first.records[0]?.data).toMatchObject({ type: 'contact', id: ids.anna, name: 'Anna de Vries', email: 'anna@example.com', first_name: 'Anna', primary_address: { city: 'Utrecht' } });
    expect(env.store.cursors.get(doc.id, 'src', 'updatedSince')).toBe('2026-01-03T10:00:00+00:00');

    expect((await env.run(doc)).records).toEqual([]);

    const { client } = await clientFor(env.sandbox);
    await client.contacts.update({ id: ids.anna, remarks: 'verhuisd' });
    const third = await env.run(doc);
    expect(third.records.map((r) => r.key)).toEqual([ids.anna]);
    expect((await env.run(doc)).records).toEqual([]);
  });

  it('with details, tells which company a person belongs to; in a dry run too', async () => {
    const run = await env.run(sourceOnly('teamleader.source.contacts', { connection: env.connection, details: true }), { dryRun: true });
    expect(run.records.find((r) => r.key === ids.bram)?.data).toMatchObject({ name: 'Bram Jansen', companies: [{ company: { type: 'company', id: ids.bakery }, position: 'Zaakvoerder', decision_maker: true }] });
    // The list's primary address stays beside all addresses.
    expect(run.records.find((r) => r.key === ids.anna)?.data).toMatchObject({ companies: [], primary_address: { city: 'Utrecht' }, addresses: [{ type: 'primary', address: { city: 'Utrecht' } }] });
  });
});
