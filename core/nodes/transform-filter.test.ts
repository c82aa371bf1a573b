import { describe, expect, it } from 'vitest';
import { flow, runTestFlow } from '../testing/golden';

describe('core.transform.filter (golden)', () => {
  it('sends matching records to pass and the others to reject', async () => {
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { keyField: 'sku', records: [{ sku: '1001', stock: 5 }, { sku: 'ABC', stock: 0 }, { sku: '1003', stock: 2 }] } },
          { id: 'only', type: 'core.transform.filter', config: { condition: 'stock > 0 and $match(sku, /^[0-9]+$/)' } },
        ],
        edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'only', port: 'in' } }],
      }),
    );
    expect(run.records.map((r) => [r.key, r.port])).toEqual([['1001', 'pass'], ['ABC', 'reject'], ['1003', 'pass']]);
    expect(run.summary.nodes['only']).toMatchObject({ in: 3, out: { pass: 2, reject: 1 } });
  });
});
