import { describe, expect, it } from 'vitest';
import { flow, runTestFlow } from '../testing/golden';

describe('core.transform.skip (golden)', () => {
  it('counts what reaches it as skipped, with the reason', async () => {
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { records: [{ synced: true }, { synced: false }] } },
          { id: 'check', type: 'core.transform.filter', config: { condition: 'synced' } },
          { id: 'done', type: 'core.transform.skip', config: { reason: 'already synced' } },
        ],
        edges: [
          { from: { node: 'src', port: 'out' }, to: { node: 'check', port: 'in' } },
          { from: { node: 'check', port: 'pass' }, to: { node: 'done', port: 'in' } },
        ],
      }),
    );
    // The record the filter rejects, with nothing connected to "reject", is filtered out: skipped too (issue 11).
    expect(run.summary).toMatchObject({ status: 'succeeded', ok: 0, skipped: 2 });
    expect(run.records.find((r) => r.node === 'done')).toMatchObject({ status: 'skipped', message: 'already synced' });
    expect(run.records.find((r) => r.node === 'check')).toMatchObject({ status: 'skipped', message: 'filtered out by “Filter” (nothing is connected to its “reject” output)' });
  });
});
