import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from './builtin';
import { executeFlow } from '../engine/execute-flow';
import { checkFlow } from '../flow/validate-flow';
import { flow, runTestFlow, tempDir, testStore } from '../testing/golden';

const dir = tempDir();
afterAll(() => dir.remove());

const readFlow = (path: string, format: string, keyField?: string) => flow({ nodes: [{ id: 'read', type: 'file.source.read', config: { path, format, ...(keyField ? { keyField } : {}) } }] });

describe('file.source.read (golden)', () => {
  it('reads a JSON array', async () => {
    writeFileSync(join(dir.path, 'a.json'), JSON.stringify([{ id: 1 }, { id: 2 }]));
    const run = await runTestFlow(readFlow('a.json', 'json', 'id'), { baseDir: dir.path });
    expect(run.records.map((r) => [r.key, r.data])).toEqual([['1', { id: 1 }], ['2', { id: 2 }]]);
  });

  it('labels each record with the field chosen as its label, searchable in the history', async () => {
    writeFileSync(join(dir.path, 'labels.csv'), 'id,email\n17,Anna@Example.com\n18,\n');
    const doc = flow({ nodes: [{ id: 'read', type: 'file.source.read', config: { path: 'labels.csv', format: 'csv', keyField: 'id', labelField: 'email' } }] });
    const store = testStore();
    try {
      const run = await runTestFlow(doc, { baseDir: dir.path, store });
      expect(run.records.map((r) => [r.key, r.label])).toEqual([['17', 'Anna@Example.com'], ['18', null]]);
      expect(store.runs.find('anna@example.com').map((r) => r.key)).toEqual(['17']);
      expect(store.runs.find('17').map((r) => r.label)).toEqual(['Anna@Example.com']);
    } finally {
      store.dispose();
    }
  });

  it('reads NDJSON, and a line that is not JSON fails alone, naming the line', async () => {
    writeFileSync(join(dir.path, 'b.ndjson'), '{"id":"x"}\n\n{broken\n{"id":"y"}\n');
    const run = await runTestFlow(readFlow('b.ndjson', 'ndjson', 'id'), { baseDir: dir.path });
    expect(run.summary.status).toBe('partial');
    expect(run.records.map((r) => [r.key, r.status])).toEqual([['x', 'ok'], ['b.ndjson:3', 'failed'], ['y', 'ok']]);
    expect(run.records[1]?.message).toMatch(/line 3 of .*b\.ndjson is not valid JSON/);
  });

  it('reads CSV with a header; a row with the wrong column count fails alone and says where', async () => {
    writeFileSync(join(dir.path, 'c.csv'), 'sku,name,price\n1001,Mok,4.50\n1002,"Kop, groot"\n1003,Schotel,2.00\n');
    const run = await runTestFlow(readFlow('c.csv', 'csv', 'sku'), { baseDir: dir.path });
    expect(run.records.map((r) => [r.key, r.status, r.data])).toEqual([
      ['1001', 'ok', { sku: '1001', name: 'Mok', price: '4.50' }],
      ['c.csv:3', 'failed', { line: 3, raw: '1002,Kop, groot' }],
      ['1003', 'ok', { sku: '1003', name: 'Schotel', price: '2.00' }],
    ]);
    expect(run.records[1]?.message).toBe(`line 3 of ${join(dir.path, 'c.csv')} has 2 columns, but the header has 3`);
    expect(run.summary.nodes['read']).toMatchObject({ out: { out: 2 }, failed: 1 });
  });

  it('reads a CSV column named __proto__ as a field (it was lost)', async () => {
    writeFileSync(join(dir.path, 'p.csv'), 'sku,__proto__\n1001,Mok\n');
    const run = await runTestFlow(readFlow('p.csv', 'csv', 'sku'), { baseDir: dir.path });
    expect(run.records.map((r) => JSON.stringify(r.data))).toEqual(['{"sku":"1001","__proto__":"Mok"}']);
  });

  it('a quote never closed fails the rest of the file as one record naming the line; every record read is accounted for', async () => {
    writeFileSync(join(dir.path, 'q.csv'), 'id,name\n1,a\n\n2,"two\nlines"\n3,"unclosed\n4,d\n5,e\n');
    const run = await runTestFlow(readFlow('q.csv', 'csv', 'id'), { baseDir: dir.path });
    expect(run.summary).toMatchObject({ status: 'partial', read: 3, ok: 2, skipped: 0, failed: 1 });
    expect(run.records.map((r) => [r.key, r.status])).toEqual([['1', 'ok'], ['2', 'ok'], ['q.csv:6', 'failed']]);
    expect(run.records[2]?.message).toBe(`line 6 of ${join(dir.path, 'q.csv')} cannot be read: a quote that opens there is never closed, so the rest of the file (lines 6 to 8) was not read`);
  });

  it('keeps every record parsed before the broken quote of a large file (none lost in buffers)', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i + 1},name ${i + 1}`).join('\n');
    writeFileSync(join(dir.path, 'big.csv'), `id,name\n${rows}\n20001,"never closed\n20002,x\n`);
    const run = await runTestFlow(readFlow('big.csv', 'csv', 'id'), { baseDir: dir.path, batchSize: 100 });
    expect(run.summary).toMatchObject({ status: 'partial', read: 20_001, ok: 20_000, failed: 1 });
    expect(run.records.at(-1)).toMatchObject({ key: 'big.csv:20002', status: 'failed' });
  });

  it('passes records on as they come from a file that grows slowly (a pipe), not once a batch is full', async () => {
    const pipe = join(dir.path, 'pipe.ndjson');
    execFileSync('mkfifo', [pipe]);
    const store = testStore();
    const finished: string[] = [];
    let wanted = 2;
    let reached: () => void = () => undefined;
    const reachedWanted = () => new Promise<void>((resolve) => (reached = resolve));
    try {
      let waiting = reachedWanted();
      const run = executeFlow(store, builtinRegistry(), readFlow(pipe, 'ndjson', 'id'), {
        baseDir: dir.path,
        recordEvents: true,
        onEvent: (e) => {
          if (e.type !== 'record') return;
          finished.push(e.key);
          if (finished.length >= wanted) reached();
        },
      });
      const writer = await open(pipe, 'w');
      await writer.write('{"id":"a"}\n{"id":"b"}\n');
      // The writer is still open, so the file has not ended: the two records went through anyway.
      await waiting;
      expect(finished).toEqual(['a', 'b']);
      wanted = 3;
      waiting = reachedWanted();
      await writer.write('{"id":"c"}\n');
      await waiting;
      await writer.close();
      const result = await run;
      expect(result.ok && result.summary).toMatchObject({ status: 'succeeded', read: 3, ok: 3 });
    } finally {
      store.dispose();
    }
  }, 20_000);

  it('names a missing file before the run starts', async () => {
    const v = await checkFlow(readFlow('nope.csv', 'csv'), builtinRegistry(), { baseDir: dir.path, connection: () => undefined });
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([{ node: 'read', path: 'config.path', message: `Node "read" (Read file): the file ${join(dir.path, 'nope.csv')} does not exist.` }]);
  });
});
