import { describe, expect, it } from 'vitest';
import { flow, runTestFlow } from '../testing/golden';

const records = [{ id: 1, method: 'iDEAL' }, { id: 2, method: 'cash' }, { id: 3, method: 'bitcoin' }, { id: 4 }];
const table = [{ from: 'ideal', to: 'IDEAL' }, { from: 'cash', to: 'CONTANT' }];
const valueFlow = (config: Record<string, unknown>) =>
  flow({
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records } },
      { id: 'pay', type: 'core.transform.valueMap', config: { field: 'method', table, ...config } },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'pay', port: 'in' } }],
  });

describe('core.transform.valueMap (golden)', () => {
  it('translates through the table, fails a value it does not know naming it, and leaves an empty one empty', async () => {
    const run = await runTestFlow(valueFlow({ target: 'mplusMethod' }));
    expect(run.records.map((r) => [r.key, r.status, (r.data as { mplusMethod?: string }).mplusMethod])).toEqual([
      ['1', 'ok', 'IDEAL'],
      ['2', 'ok', 'CONTANT'],
      ['3', 'failed', undefined],
      ['4', 'ok', undefined],
    ]);
    expect(run.records[2]?.message).toBe('method "bitcoin" is not in the table; add it to the table of node "pay"');
  });

  it('uses the default for values not in the table when told to', async () => {
    const run = await runTestFlow(valueFlow({ whenMissing: 'default', default: 'OVERIG' }));
    expect(run.records.map((r) => (r.data as { method: string }).method)).toEqual(['IDEAL', 'CONTANT', 'OVERIG', 'OVERIG']);
    expect(run.summary.status).toBe('succeeded');
  });
});
