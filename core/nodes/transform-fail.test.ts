import { describe, expect, it } from 'vitest';
import { flow, runTestFlow } from '../testing/golden';

describe('core.transform.fail (golden)', () => {
  it('fails what reaches it, with the reason and what the step before noted', async () => {
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { records: [{ sku: '1001' }, { sku: '9999' }] } },
          { id: 'known', type: 'core.lookup.table', config: { key: 'sku', keyColumn: 'sku', table: { from: 'rows', rows: [{ sku: '1001' }] } } },
          { id: 'stop', type: 'core.transform.fail', config: { reason: 'the product is missing' } },
        ],
        edges: [
          { from: { node: 'src', port: 'out' }, to: { node: 'known', port: 'in' } },
          { from: { node: 'known', port: 'missing' }, to: { node: 'stop', port: 'in' } },
        ],
      }),
    );
    expect(run.summary).toMatchObject({ status: 'partial', ok: 1, failed: 1 });
    expect(run.records[1]).toMatchObject({ status: 'failed', node: 'stop', message: 'the product is missing: no row with sku = 9999' });
  });
});
