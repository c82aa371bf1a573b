/**
 * Issue 11 §4: records a filter rejects, with nothing connected to its "reject" output, were
 * filtered out — they count as skipped with that reason, never as done. Wired, they go on as ever.
 */
import { describe, expect, it } from 'vitest';
import { flow, runTestFlow } from '../testing/golden';

const records = [
  { sku: '1001', active: true },
  { sku: '1002', active: false },
  { sku: '1003', active: true },
];
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

describe('a filter with nothing connected to “reject”', () => {
  it('counts the records it rejects as filtered out (skipped), not done', async () => {
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { keyField: 'sku', records } },
          { id: 'which', type: 'core.transform.filter', label: 'Active articles', config: { condition: 'active' } } as never,
          { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'code', expr: 'sku' }] } },
        ],
        edges: [edge('src', 'out', 'which'), edge('which', 'pass', 'map')],
      }),
    );
    expect(run.summary).toMatchObject({ status: 'succeeded', read: 3, ok: 2, skipped: 1, failed: 0 });
    expect(run.summary.nodes['which']).toMatchObject({ in: 3, out: { pass: 2, reject: 1 }, skipped: 0 });
    const rejected = run.records.find((r) => r.key === '1002');
    expect(rejected).toMatchObject({ status: 'skipped', node: 'which', port: 'reject', message: 'filtered out by “Active articles” (nothing is connected to its “reject” output)' });
  });

  it('sends them on when something is connected to “reject”', async () => {
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { keyField: 'sku', records } },
          { id: 'which', type: 'core.transform.filter', config: { condition: 'active' } },
          { id: 'tag', type: 'core.transform.defaults', config: { values: [{ path: 'inactive', value: true }] } },
        ],
        edges: [edge('src', 'out', 'which'), edge('which', 'reject', 'tag')],
      }),
    );
    // The passing ones end at the filter's unconnected "pass": done, as before.
    expect(run.summary).toMatchObject({ read: 3, ok: 3, skipped: 0 });
  });
});
