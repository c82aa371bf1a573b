import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Outcome, Rec } from '../engine/record';
import type { NodeRunContext } from './define-node';
import { fileTarget } from './target-file';
import { flow, runTestFlow, tempDir } from '../testing/golden';

const dir = tempDir();
afterAll(() => dir.remove());

const writeFlow = (config: Record<string, unknown>) =>
  flow({
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { records: [{ sku: '1001', name: 'Mok, groot', tags: ['a'] }, { sku: '1002', name: 'Kop' }] } },
      { id: 'out', type: 'file.target.write', config },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }],
  });

describe('file.target.write (golden)', () => {
  it('writes NDJSON', async () => {
    const run = await runTestFlow(writeFlow({ path: 'out/a.ndjson', format: 'ndjson' }), { baseDir: dir.path });
    expect(readFileSync(join(dir.path, 'out/a.ndjson'), 'utf8')).toBe('{"sku":"1001","name":"Mok, groot","tags":["a"]}\n{"sku":"1002","name":"Kop"}\n');
    expect(run.summary.nodes['out']).toMatchObject({ in: 2, created: 2 });
    expect(existsSync(join(dir.path, 'out/a.ndjson.partial'))).toBe(false);
  });

  it('writes CSV with a header, quoting where needed', async () => {
    await runTestFlow(writeFlow({ path: 'b.csv', format: 'csv', columns: ['sku', 'name', 'tags'] }), { baseDir: dir.path });
    expect(readFileSync(join(dir.path, 'b.csv'), 'utf8')).toBe('sku,name,tags\n1001,"Mok, groot","[""a""]"\n1002,Kop,\n');
  });

  it('adds to the file in a retry of failed records, instead of replacing what the first run wrote', async () => {
    const doc = writeFlow({ path: 'retry.ndjson', format: 'ndjson' });
    (doc.nodes[0] as { config: Record<string, unknown> }).config['keyField'] = 'sku';
    await runTestFlow(doc, { baseDir: dir.path });
    const retried = await runTestFlow(doc, { baseDir: dir.path, retry: { of: 'run_first', keys: new Map([['src', ['1002']]]) } });
    expect(retried.summary.read).toBe(1);
    const lines = readFileSync(join(dir.path, 'retry.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(['{"sku":"1001","name":"Mok, groot","tags":["a"]}', '{"sku":"1002","name":"Kop"}', '{"sku":"1002","name":"Kop"}']);
  });

  it('writes nothing in a dry run, and says what it would do', async () => {
    const run = await runTestFlow(writeFlow({ path: 'dry.ndjson', format: 'ndjson' }), { baseDir: dir.path, dryRun: true });
    expect(existsSync(join(dir.path, 'dry.ndjson'))).toBe(false);
    expect(run.records.map((r) => r.action)).toEqual(['create', 'create']);
    expect(run.records[0]?.lineage.at(-1)?.note).toBe('would write to dry.ndjson');
  });

  it('reports a batch written only once it is on disk, in order', async () => {
    const ctx = { config: { path: 'reported.ndjson', format: 'ndjson', append: false }, retrying: false, dryRun: false, baseDir: dir.path } as unknown as NodeRunContext<never>;
    const rec = (n: number): Rec => ({ seq: n, key: String(n), source: 'src', data: { n }, port: 'in', trail: [] });
    const batches = [[rec(1), rec(2)], [rec(3)], [rec(4), rec(5)]];
    async function* input() {
      for (const b of batches) yield b;
    }
    const partial = join(dir.path, 'reported.ndjson.partial');
    const reported: number[] = [];
    for await (const outcomes of (fileTarget.run as (c: unknown, i: AsyncIterable<Rec[]>) => AsyncIterable<Outcome[]>)(ctx, input())) {
      const written = readFileSync(partial, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { n: number }).n);
      for (const o of outcomes) {
        reported.push(o.rec.seq);
        expect(written).toContain(o.rec.seq);
      }
    }
    expect(reported).toEqual([1, 2, 3, 4, 5]);
    expect(readFileSync(join(dir.path, 'reported.ndjson'), 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n{"n":5}\n');
  });

  it('writes every record of many batches once, in order', async () => {
    const records = Array.from({ length: 250 }, (_, i) => ({ i }));
    const doc = flow({
      nodes: [
        { id: 'src', type: 'core.source.sample', config: { records } },
        { id: 'out', type: 'file.target.write', config: { path: 'many.ndjson', format: 'ndjson' } },
      ],
      edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }],
    });
    const run = await runTestFlow(doc, { baseDir: dir.path, batchSize: 7 });
    expect(run.summary.nodes['out']).toMatchObject({ in: 250, created: 250 });
    expect(readFileSync(join(dir.path, 'many.ndjson'), 'utf8')).toBe(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  });
});
