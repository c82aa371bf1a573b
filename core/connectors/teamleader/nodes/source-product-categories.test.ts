import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, nodeTestEnv, sourceOnly, type NodeTestEnv } from './test-support';

let env: NodeTestEnv;
beforeAll(async () => {
  env = await nodeTestEnv();
});
afterAll(() => env.close());

describe('teamleader.source.productCategories (golden)', () => {
  it('reads every category on every run', async () => {
    const doc = sourceOnly('teamleader.source.productCategories', { connection: env.connection });
    for (let i = 0; i < 2; i++) {
      const run = await env.run(doc);
      expect(run.records.map((r) => [r.key, (r.data as { name: string }).name])).toEqual([
        [ids.category('Koffie'), 'Koffie'],
        [ids.category('Servies'), 'Servies'],
      ]);
    }
  });

  it('only the categories of a department, by name; an unknown department stops the run in words', async () => {
    expect((await env.run(sourceOnly('teamleader.source.productCategories', { connection: env.connection, department: 'webshop bv' }))).records).toEqual([]);
    const wrong = await env.run(sourceOnly('teamleader.source.productCategories', { connection: env.connection, department: 'Elders' }));
    expect(wrong.summary.error).toBe('Node "src" (Product categories from Teamleader) stopped the run: there is no department "Elders" in Teamleader; there are: Demowinkel BV, Webshop BV');
  });
});
