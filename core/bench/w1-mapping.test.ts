import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { genCustomers, lookupContact, orders, transformOrder, W1_CUSTOMERS, W1_SEED } from './w1-mapping-reference';
import { checkW1MappingOutput, runW1MappingBaseline, runW1MappingEngine, W1_MAPPING_STAGES, writeW1MappingData } from './workload-w1-mapping';

const dir = tempDir('sincro-w1m-');
afterAll(() => dir.remove());
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('W1-mapping (the shared benchmark kit’s mapping)', () => {
  it('generates the kit’s orders and reference output, record for record', () => {
    // Digests of the first 1,000 orders of /work/shared/bench/workload.js (genOrders) and of what
    // its lookupContact(transformOrder(o)) makes of them, taken when the kit was copied.
    const list = [...orders(1000, W1_SEED)];
    expect(sha256(list.map((o) => JSON.stringify(o)).join('\n'))).toBe('51b6901ec39a91fa4d1100fcb5790f167baac15d231d9bfc34f9afa5caa9b479');
    const byEmail = new Map(genCustomers(W1_CUSTOMERS).map((c) => [c.email, c]));
    expect(sha256(list.map((o) => JSON.stringify(lookupContact(transformOrder(o), byEmail))).join('\n'))).toBe('0721b1465a888bb61ee0ec59b5d1f4ef312dfb600809506364f6e1b446f49fcc');
  });

  it('the engine’s output equals the reference, with history and without; so does the baseline’s', async () => {
    await writeW1MappingData(dir.path, 400);
    for (const history of [true, false]) {
      const out = join(dir.path, `engine-${history}.ndjson`);
      const summary = await runW1MappingEngine(dir.path, join(dir.path, `data-${history}`), out, { history });
      expect(summary).toMatchObject({ status: 'succeeded', ok: 400 });
      await checkW1MappingOutput(dir.path, out, 400);
    }
    const base = join(dir.path, 'baseline.ndjson');
    expect(await runW1MappingBaseline(dir.path, base)).toBe(400);
    await checkW1MappingOutput(dir.path, base, 400);
  });

  it('each stage of --stages is the flow cut short after that step, and every record goes through it', async () => {
    const nodes: Record<string, string[]> = {};
    for (const stage of W1_MAPPING_STAGES) {
      const out = join(dir.path, 'stage.ndjson');
      const summary = await runW1MappingEngine(dir.path, join(dir.path, `data-stage-${stage}`), out, { history: false, stage });
      expect(summary, stage).toMatchObject({ status: 'succeeded', ok: 400 });
      nodes[stage] = Object.keys(summary.nodes).sort();
      if (stage === 'read and write') expect(readFileSync(out, 'utf8')).toBe(`${[...orders(400, W1_SEED)].map((o) => JSON.stringify(o)).join('\n')}\n`);
      if (stage === 'whole flow') await checkW1MappingOutput(dir.path, out, 400);
    }
    expect(nodes).toEqual({
      'read and write': ['orders', 'out'],
      '+ datamapper': ['deal', 'orders', 'out'],
      '+ value map': ['country', 'deal', 'orders', 'out'],
      'whole flow': ['contact', 'country', 'deal', 'known', 'new', 'orders', 'out'],
    });
  });

  it('fails loudly on a record that differs, naming it and the field, and on a missing one', async () => {
    const good = readFileSync(join(dir.path, 'baseline.ndjson'), 'utf8').split('\n').filter(Boolean);
    const wrong = good.map((line, i) => (i === 7 ? line.replace(/"taxCents":\d+/, '"taxCents":1') : line));
    writeFileSync(join(dir.path, 'wrong.ndjson'), `${wrong.join('\n')}\n`);
    await expect(checkW1MappingOutput(dir.path, join(dir.path, 'wrong.ndjson'), 400)).rejects.toThrow(/record ORD-0000008 \(line 8\): field "taxCents" is 1, the reference has \d+/);
    writeFileSync(join(dir.path, 'short.ndjson'), `${good.slice(1).join('\n')}\n`);
    await expect(checkW1MappingOutput(dir.path, join(dir.path, 'short.ndjson'), 400)).rejects.toThrow(/has 399 records, expected 400; 1 orders are missing/);
  });
});
