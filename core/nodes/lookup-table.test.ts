import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flow, runTestFlow, tempDir } from '../testing/golden';

const dir = tempDir();
afterAll(() => dir.remove());

const lookupFlow = (table: Record<string, unknown>) =>
  flow({
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 'o1', email: ' Anna@Example.com' }, { id: 'o2', email: 'nobody@example.com' }, { id: 'o3' }] } },
      { id: 'who', type: 'core.lookup.table', config: { key: 'email', keyColumn: 'email', as: 'customer', table } },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'who', port: 'in' } }],
  });

describe('core.lookup.table (golden)', () => {
  it('attaches the matching row (ignoring case and spaces) and routes found / missing', async () => {
    const run = await runTestFlow(lookupFlow({ from: 'rows', rows: [{ email: 'anna@example.com', number: 681 }] }));
    expect(run.records.map((r) => [r.key, r.port])).toEqual([['o1', 'found'], ['o2', 'missing'], ['o3', 'missing']]);
    expect(run.records[0]?.data).toEqual({ id: 'o1', email: ' Anna@Example.com', customer: { email: 'anna@example.com', number: 681 } });
    expect(run.records[1]?.lineage.at(-1)?.note).toBe('no row with email = nobody@example.com');
  });

  it('loads the table from a CSV file', async () => {
    writeFileSync(join(dir.path, 'customers.csv'), 'email,number\nanna@example.com,681\n');
    const run = await runTestFlow(lookupFlow({ from: 'file', path: 'customers.csv', format: 'csv' }), { baseDir: dir.path });
    expect(run.records[0]?.data).toMatchObject({ customer: { number: '681' } });
  });

  it('stops the run when the table file cannot be read to its end, rather than use half a table', async () => {
    writeFileSync(join(dir.path, 'broken.csv'), 'email,number\nbram@example.com,"17\nanna@example.com,681\n');
    const run = await runTestFlow(lookupFlow({ from: 'file', path: 'broken.csv', format: 'csv' }), { baseDir: dir.path });
    expect(run.summary.status).toBe('failed');
    expect(run.summary.error).toMatch(/the lookup table broken\.csv cannot be read: line 2 of .*broken\.csv cannot be read: a quote that opens there is never closed/);
  });
});
