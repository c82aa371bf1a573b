/**
 * Issue 11 §4: the dashboard counts distinct records, not rewrites — a record read by three runs in
 * a day is one record, counted by its latest outcome; dry runs are not counted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../api/flow-document';
import { flow, runTestFlow, testStore } from '../testing/golden';
import { dashboardStats } from './dashboard';

let store: ReturnType<typeof testStore> | undefined;
afterEach(() => store?.dispose());

const orders = [
  { id: 'A', method: 'ideal' },
  { id: 'B', method: 'ideal' },
  { id: 'C', method: 'cash' },
];
const payments = (known: string[]): FlowDocument =>
  flow({
    id: 'orders',
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: orders } },
      { id: 'pay', type: 'core.transform.valueMap', config: { field: 'method', table: known.map((k) => ({ from: k, to: k.toUpperCase() })) } },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'pay', port: 'in' } }],
  });

describe('the dashboard', () => {
  it('counts each record once a day, by its latest outcome, and leaves dry runs out', async () => {
    store = testStore();
    for (let i = 0; i < 3; i++) await runTestFlow(payments(['ideal']), { store });
    await runTestFlow(payments(['ideal', 'cash']), { store, dryRun: true });
    let day = dashboardStats(store, 1).days.at(-1);
    // Three runs read A, B and C; C failed each time: 3 records, not 9.
    expect(day).toMatchObject({ runs: 3, read: 3, ok: 2, skipped: 0, failed: 1 });
    // C goes through once the table knows "cash": its latest outcome counts.
    await runTestFlow(payments(['ideal', 'cash']), { store });
    day = dashboardStats(store, 1).days.at(-1);
    expect(day).toMatchObject({ runs: 4, read: 3, ok: 3, skipped: 0, failed: 0 });
    expect(dashboardStats(store, 1).flows).toEqual([expect.objectContaining({ flowId: 'orders', runs: 4, failedRuns: 3, lastStatus: 'succeeded' })]);
  });
});
