import { describe, expect, it } from 'vitest';
import { flow, runTestFlow } from '../testing/golden';

describe('core.source.sample (golden)', () => {
  it('emits the inline records, keyed by the key field or by position', async () => {
    const run = await runTestFlow(
      flow({ nodes: [{ id: 'src', type: 'core.source.sample', config: { keyField: 'sku', records: [{ sku: 'A1', name: 'Mok' }, { name: 'no sku' }] } }] }),
    );
    expect(run.summary.status).toBe('succeeded');
    expect(run.records.map((r) => [r.key, r.status, r.node, r.port, r.data])).toEqual([
      ['A1', 'ok', 'src', 'out', { sku: 'A1', name: 'Mok' }],
      ['#2', 'ok', 'src', 'out', { name: 'no sku' }],
    ]);
    expect(run.summary.nodes['src']).toMatchObject({ in: 0, out: { out: 2 }, failed: 0 });
  });
});
