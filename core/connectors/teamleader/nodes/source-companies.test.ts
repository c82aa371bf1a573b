import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, nodeTestEnv, sourceOnly, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

describe('teamleader.source.companies (golden)', () => {
  it('reads the companies with their email and contact person', async () => {
    const doc = sourceOnly('teamleader.source.companies', { connection: env.connection });
    const run = await env.run(doc);
    expect(run.records.map((r) => r.key)).toEqual([ids.bakery]);
    expect(run.records[0]?.data).toMatchObject({
      type: 'company',
      id: ids.bakery,
      name: 'Bakkerij Jansen',
      email: 'info@bakkerij.example.com',
      vat_number: 'BE0123456749',
      primary_address: { line_1: 'Veldstraat 1', city: 'Gent', country: 'BE' },
      contact_person: { type: 'contact', id: ids.bram, first_name: 'Bram', last_name: 'Jansen', name: 'Bram Jansen', email: 'bram@bakkerij.example.com' },
    });
    expect(env.store.cursors.get(doc.id, 'src', 'updatedSince')).toBe('2026-01-04T10:00:00+00:00');
    expect((await env.run(doc)).records).toEqual([]);
  });
});
