/**
 * `sincro runs …` with the real CLI, store and engine: the list's filters and pages, the search by
 * key or label, retrying a run's failed records, and exporting a run's records.
 */
import { parse } from 'csv-parse/sync';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sincroIn } from '../testing/cli-call';
import { tempDir } from '../testing/golden';

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
beforeEach(() => {
  dir = tempDir('sincro-runs-');
  dataDir = join(dir.path, 'data');
});
afterEach(() => dir.remove());

const sincro = (...args: string[]) => sincroIn(dataDir, ...args);

/** Orders from a CSV, labelled by their reference; an order without a total fails at the map. */
function ordersFlow(totalExpr = 'total != "" ? $number(total)') {
  writeFileSync(join(dir.path, 'orders.csv'), 'id,reference,total,note\no1,WEB-1001,10,fine\no2,WEB-1002,,"=HYPERLINK(""http://x"")"\no3,WEB-1003,30,fine\n');
  const path = join(dir.path, 'orders.flow.json');
  writeFileSync(
    path,
    JSON.stringify({
      schemaVersion: 1,
      id: 'orders',
      name: 'Orders',
      settings: {},
      nodes: [
        { id: 'read', type: 'file.source.read', config: { path: 'orders.csv', format: 'csv', keyField: 'id', labelField: 'reference' } },
        { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'id', expr: 'id' }, { target: 'note', expr: 'note' }, { target: 'total', expr: totalExpr }] } },
        { id: 'write', type: 'file.target.write', config: { path: 'out/orders.ndjson', format: 'ndjson' } },
      ],
      edges: [
        { from: { node: 'read', port: 'out' }, to: { node: 'map', port: 'in' } },
        { from: { node: 'map', port: 'out' }, to: { node: 'write', port: 'in' } },
      ],
    }),
  );
  return path;
}

const runIdOf = (out: string) => /Run (run_\S+)/.exec(out)?.[1] ?? '';

describe('sincro runs', () => {
  it('finds a record by its label or its key, and retries the failed records with the fixed flow', async () => {
    const first = await sincro('run', ordersFlow());
    expect(first.code).toBe(1);
    const runId = runIdOf(first.out);

    const found = await sincro('runs', 'find', 'web-1002');
    expect(found.code).toBe(0);
    expect(found.out).toMatch(/o2\s+WEB-1002\s+failed/);
    expect((await sincro('runs', 'find', 'o3')).out).toMatch(/o3\s+WEB-1003\s+ok/);
    expect((await sincro('runs', 'show', runId)).out).toContain(`Run the failed records again with: sincro runs retry ${runId}`);

    // The flow is fixed (a missing total becomes 0): only the failed order runs again.
    expect((await sincro('flows', 'import', ordersFlow('total != "" ? $number(total) : 0'))).code).toBe(0);
    const retry = await sincro('runs', 'retry', runId);
    expect(retry.err).toContain(`Retrying 1 failed record(s) of run ${runId} with "Orders" version 2`);
    expect(retry.out).toMatch(/SUCCEEDED/);
    expect(retry.out).toMatch(/1 read · 1 done · 0 skipped · 0 failed/);
    expect(retry.code).toBe(0);
    const retryId = runIdOf(retry.out);

    const retries = await sincro('runs', 'list', '--trigger', 'retry');
    expect(retries.out).toContain(retryId);
    expect(retries.out).toContain(`retry of ${runId}`);
    expect(retries.out).not.toMatch(new RegExp(`^${runId}`, 'm'));
    // Listed as --trigger names it, with the detail beside it.
    expect((await sincro('runs', 'list', '--trigger', 'manual', '--status', 'partial')).out).toMatch(new RegExp(`^${runId}.*manual \\(cli\\)`, 'm'));
    expect((await sincro('runs', 'list', '--trigger', 'schedule')).out).toBe('No runs match.\n');

    const again = await sincro('runs', 'retry', retryId);
    expect(again).toMatchObject({ code: 2, err: expect.stringContaining(`The run ${retryId} has no failed records to retry.`) });
    expect((await sincro('runs', 'retry', 'run_nope')).code).toBe(2);
  });

  it('pages the list with --before and says what is wrong with a filter', async () => {
    const flow = ordersFlow();
    for (let i = 0; i < 3; i++) await sincro('run', flow);
    const page1 = await sincro('runs', 'list', '--limit', '2');
    const ids1 = [...page1.out.matchAll(/^(run_\S+)/gm)].map((m) => m[1]);
    expect(ids1).toHaveLength(2);
    const cursor = /More: add --before (\S+)/.exec(page1.out)?.[1] ?? '';
    const page2 = await sincro('runs', 'list', '--limit', '2', '--before', cursor);
    expect([...page2.out.matchAll(/^(run_\S+)/gm)].map((m) => m[1])).toHaveLength(1);
    expect(page2.out).not.toContain('More:');
    expect((await sincro('runs', 'list', '--since', '1h', '--until', new Date(Date.now() + 86_400_000).toISOString().slice(0, 10))).out.match(/^run_/gm)).toHaveLength(3);
    expect((await sincro('runs', 'list', '--since', '2999-01-01')).out).toBe('No runs match.\n');

    const bad = async (...args: string[]) => {
      const r = await sincro('runs', 'list', ...args);
      expect(r.code).toBe(2);
      return r.err;
    };
    expect(await bad('--status', 'parital')).toContain('--status must be one of running, succeeded, partial, failed, cancelled, not "parital" (did you mean "partial"?)');
    expect(await bad('--trigger', 'scheduled')).toContain('(did you mean "schedule"?)');
    expect(await bad('--since', 'last week')).toContain('--since "last week" is not a date or time');
    expect(await bad('--since', '2026-02-30')).toContain('is not a date or time');
    expect(await bad('--before', 'nonsense')).toContain('is not a page cursor of the run history');
  });

  it('exports a run as CSV or NDJSON, to a file or the output', async () => {
    const runId = runIdOf((await sincro('run', ordersFlow())).out);
    const file = join(dir.path, 'export.csv');
    const csv = await sincro('runs', 'export', runId, '--out', file);
    expect(csv).toMatchObject({ code: 0, err: expect.stringContaining(`Wrote 3 record(s) of run ${runId} to ${file}.`) });
    const rows = parse(readFileSync(file, 'utf8')) as string[][];
    expect(rows[0]).toEqual(['run', 'seq', 'key', 'label', 'source', 'outcome', 'node', 'port', 'action', 'target_id', 'message', 'data']);
    expect(rows).toHaveLength(4);
    expect(rows[1]?.slice(0, 11)).toEqual([runId, '0', 'o1', 'WEB-1001', 'read', 'ok', 'write', 'out', 'create', '', '']);
    expect(JSON.parse(rows[1]?.[11] ?? '')).toEqual({ id: 'o1', note: 'fine', total: 10 });
    expect(rows[2]?.slice(0, 10)).toEqual([runId, '1', 'o2', 'WEB-1002', 'read', 'failed', 'map', '', '', '']);
    expect(rows[2]?.[10]).toMatch(/^"total" could not be filled/);

    const nd = await sincro('runs', 'export', runId, '--format', 'ndjson');
    const records = nd.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { key: string; label: string; outcome: string; lineage: unknown[] });
    expect(records.map((r) => [r.key, r.label, r.outcome])).toEqual([
      ['o1', 'WEB-1001', 'ok'],
      ['o2', 'WEB-1002', 'failed'],
      ['o3', 'WEB-1003', 'ok'],
    ]);
    expect(records[0]?.lineage.length).toBe(3);

    expect(await sincro('runs', 'export', runId, '--format', 'xlsx')).toMatchObject({ code: 2, err: expect.stringContaining('--format must be csv or ndjson, not "xlsx"') });
    expect(await sincro('runs', 'export', 'run_nope')).toMatchObject({ code: 2, err: expect.stringContaining('There is no run "run_nope"') });
  });

  it('writes the export file readable by its owner only (0600), a new file and one it replaces alike', async () => {
    const runId = runIdOf((await sincro('run', ordersFlow())).out);
    const mode = (f: string) => (statSync(f).mode & 0o777).toString(8);
    const fresh = join(dir.path, 'fresh.csv');
    expect((await sincro('runs', 'export', runId, '--out', fresh)).code).toBe(0);
    expect(mode(fresh)).toBe('600');
    const replaced = join(dir.path, 'replaced.ndjson');
    writeFileSync(replaced, 'old');
    chmodSync(replaced, 0o666);
    expect((await sincro('runs', 'export', runId, '--format', 'ndjson', '--out', replaced)).code).toBe(0);
    expect(mode(replaced)).toBe('600');
    expect(readFileSync(replaced, 'utf8')).toContain('"key":"o1"');
  });

  it('writes a CSV cell that a spreadsheet would run as a formula as text', async () => {
    writeFileSync(join(dir.path, 'formula.csv'), 'id,reference\n=cmd|calc,@SUM(A1:A9)\n+1,-2\n');
    const path = join(dir.path, 'formula.flow.json');
    const nodes = [{ id: 'read', type: 'file.source.read', config: { path: 'formula.csv', format: 'csv', keyField: 'id', labelField: 'reference' } }];
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, id: 'formula', name: 'Formula', settings: {}, nodes, edges: [] }));
    const runId = runIdOf((await sincro('run', path)).out);
    const rows = parse((await sincro('runs', 'export', runId)).out) as string[][];
    expect(rows.slice(1).map((r) => [r[2], r[3]])).toEqual([
      ["'=cmd|calc", "'@SUM(A1:A9)"],
      ["'+1", "'-2"],
    ]);
  });
});
