import { describe, expect, it } from 'vitest';
import { flow, runTestFlow } from '../testing/golden';

describe('core.transform.defaults (golden)', () => {
  it('fills missing or empty fields and leaves present ones', async () => {
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { records: [{ employeeNumber: 12, country: '' }, { address: { city: 'Gent' } }] } },
          { id: 'def', type: 'core.transform.defaults', config: { values: [{ path: 'employeeNumber', value: 999999 }, { path: 'country', value: 'NL' }, { path: 'address.country', value: 'NL' }] } },
        ],
        edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'def', port: 'in' } }],
      }),
    );
    expect(run.records.map((r) => r.data)).toEqual([
      { employeeNumber: 12, country: 'NL', address: { country: 'NL' } },
      { employeeNumber: 999999, country: 'NL', address: { city: 'Gent', country: 'NL' } },
    ]);
  });
});
