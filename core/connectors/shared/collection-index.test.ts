/**
 * The decision and the guarantees of CollectionIndex, over a collection in memory that counts what
 * it was asked (the Teamleader nodes' tests check the same against the sandbox).
 */
import { describe, expect, it } from 'vitest';
import { CollectionIndex } from './collection-index';

type Item = { id: string; email: string };

function collection(items: Item[], opts: { bulkFrom?: number } = {}) {
  const asked = { lookUps: [] as string[], readAll: 0 };
  const log: string[] = [];
  let readGate: Promise<void> = Promise.resolve();
  const index = new CollectionIndex<Item>({
    readAll: async () => {
      asked.readAll++;
      log.push('read starts');
      await readGate;
      log.push('read ends');
      return [...items];
    },
    keysOf: (i) => [i.email],
    lookUp: async (key) => {
      asked.lookUps.push(key);
      return items.filter((i) => i.email === key);
    },
    bulkFrom: opts.bulkFrom ?? 3,
  });
  return { index, asked, log, items, holdRead: (gate: Promise<void>) => void (readGate = gate) };
}

const deferred = () => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('CollectionIndex', () => {
  it('looks a few keys up one by one, each once', async () => {
    const c = collection([{ id: '1', email: 'a' }]);
    expect(await c.index.find('a')).toEqual({ id: '1', email: 'a' });
    expect(await c.index.find('a')).toEqual({ id: '1', email: 'a' });
    expect(await c.index.find('b')).toBeNull();
    expect(c.asked).toEqual({ lookUps: ['a', 'b'], readAll: 0 });
  });

  it('reads the whole collection once when the run announces many keys, and asks nothing per key', async () => {
    const c = collection([
      { id: '1', email: 'a' },
      { id: '2', email: 'b' },
    ]);
    c.index.expect(['a', 'b', 'x']);
    expect(await Promise.all(['a', 'b', 'x', 'a'].map((k) => c.index.find(k)))).toEqual([{ id: '1', email: 'a' }, { id: '2', email: 'b' }, null, { id: '1', email: 'a' }]);
    expect(c.asked).toEqual({ lookUps: [], readAll: 1 });
  });

  it('switches to the bulk read once the run has asked for enough keys', async () => {
    const c = collection([{ id: '1', email: 'a' }]);
    await c.index.find('a');
    await c.index.find('b');
    expect(await c.index.find('c')).toBeNull();
    expect(await c.index.find('a')).toEqual({ id: '1', email: 'a' });
    expect(c.asked).toEqual({ lookUps: ['a', 'b'], readAll: 1 });
  });

  it('finds what the run made without asking, and asks again for what it forgot', async () => {
    const c = collection([{ id: '1', email: 'a' }]);
    c.index.expect(['a', 'b', 'c']);
    c.index.remember('b', { id: 'new', email: 'b' });
    expect(await c.index.find('b')).toEqual({ id: 'new', email: 'b' });
    c.items.push({ id: '1b', email: 'a' });
    c.index.forget('a');
    // Teamleader has two now; the look-up answers the first.
    expect(await c.index.find('a')).toEqual({ id: '1', email: 'a' });
    expect(await c.index.findAll('a')).toEqual([
      { id: '1', email: 'a' },
      { id: '1b', email: 'a' },
    ]);
    expect(c.asked).toEqual({ lookUps: ['a'], readAll: 0 });
  });

  it('reads again after a failed bulk read', async () => {
    let fail = true;
    const index = new CollectionIndex<Item>({
      readAll: async () => {
        if (fail) throw new Error('connection lost');
        return [{ id: '1', email: 'a' }];
      },
      keysOf: (i) => [i.email],
      lookUp: async () => [],
      bulkFrom: 1,
    });
    await expect(index.find('a')).rejects.toThrow('connection lost');
    fail = false;
    expect(await index.find('a')).toEqual({ id: '1', email: 'a' });
  });

  it('never reads the collection while the run writes to it: a write in flight delays the read, a new write waits for it', async () => {
    const c = collection([{ id: '1', email: 'a' }], { bulkFrom: 1 });
    const firstWrite = deferred();
    const writing = c.index.write(async () => {
      c.log.push('write 1 starts');
      await firstWrite.promise;
      c.log.push('write 1 ends');
    });
    const reading = deferred();
    c.holdRead(reading.promise);
    const found = c.index.find('a');
    await new Promise((r) => setTimeout(r, 10));
    expect(c.log).toEqual(['write 1 starts']);
    firstWrite.resolve();
    await writing;
    await new Promise((r) => setTimeout(r, 10));
    const second = c.index.write(async () => void c.log.push('write 2'));
    await new Promise((r) => setTimeout(r, 10));
    expect(c.log).toEqual(['write 1 starts', 'write 1 ends', 'read starts']);
    reading.resolve();
    await Promise.all([found, second]);
    expect(c.log).toEqual(['write 1 starts', 'write 1 ends', 'read starts', 'read ends', 'write 2']);
  });
});
