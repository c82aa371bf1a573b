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
    expect(run.summary).toMatchObject({ status: 'succeeded', ok: 1, skipped: 1 });
    expect(run.records.find((r) => r.status === 'skipped')).toMatchObject({ node: 'done', message: 'already synced' });
  });
});
