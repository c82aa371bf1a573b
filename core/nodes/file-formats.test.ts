import fc from 'fast-check';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { readRowBatches, type FileRow } from './file-formats';

const dir = tempDir();
afterAll(() => dir.remove());

/** What a line-by-line reader with node:readline makes of the file (how NDJSON was read before). */
async function viaReadline(file: string): Promise<Array<[number, string]>> {
  const lines: Array<[number, string]> = [];
  let n = 0;
  for await (const raw of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim()) lines.push([n, line]);
  }
  return lines;
}

async function rows(file: string, chunkBytes: number, batchRows: number): Promise<FileRow[]> {
  const out: FileRow[] = [];
  for await (const batch of readRowBatches(file, 'ndjson', { chunkBytes, batchRows })) {
    expect(batch.length).toBeLessThanOrEqual(batchRows);
    out.push(...batch);
  }
  return out;
}

describe('reading NDJSON in chunks', () => {
  it('numbers and splits lines as node:readline does, whatever the line endings, chunk and batch sizes', async () => {
    const line = fc.oneof(fc.constant(''), fc.constant('  '), fc.constant('{broken'), fc.constant('[1]'), fc.record({ id: fc.string({ maxLength: 5 }), n: fc.integer() }).map((o) => JSON.stringify(o)), fc.constant('{"t":"ümlaut 😀"}'));
    const content = fc.tuple(fc.boolean(), fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 8 }), line).map(([bom, lines, last]) => `${bom ? '\uFEFF' : ''}${lines.map(([l, e]) => l + e).join('')}${last}`);
    let i = 0;
    await fc.assert(
      fc.asyncProperty(content, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), async (text, chunkBytes, batchRows) => {
        const file = join(dir.path, `f${i++}.ndjson`);
        writeFileSync(file, text);
        const expected = await viaReadline(file);
        const got = await rows(file, chunkBytes, batchRows);
        expect(got.map((r) => r.line)).toEqual(expected.map(([n]) => n));
        for (const [k, r] of got.entries()) {
          const raw = (expected[k] as [number, string])[1];
          if (r.error === undefined) expect(r.data).toEqual(JSON.parse(raw));
          else expect(r.raw).toBe(raw.slice(0, 200));
        }
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});
