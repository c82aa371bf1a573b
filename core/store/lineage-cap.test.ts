import { describe, expect, it } from 'vitest';
import { SecretMask } from '../engine/secret-mask';
import { capLineage } from './lineage-cap';

describe('a lineage stored with its source data as the text the source read', () => {
  const data = { id: 'o1', note: 'say "hi"', lines: [{ sku: 'a', qty: 2 }], nested: { data: 0 } };
  const read = '{ "id": "o1",  "note": "say \\"hi\\"", "lines": [ {"sku":"a","qty":2} ], "nested": {"data":0} }';
  const trail = [
    { node: 'orders', port: 'out', data },
    { node: 'map', port: 'out', set: { total: 3 } },
    { node: 'out', port: 'out', action: 'create' },
  ];

  it('is the same JSON value as the lineage serialised whole', () => {
    expect(JSON.parse(read)).toEqual(data);
    const stored = capLineage(trail, undefined, read);
    expect(stored).toContain(read);
    expect(JSON.parse(stored)).toEqual(JSON.parse(JSON.stringify(trail)));
    // A lineage of the source step alone, and one whose first step has no data, too.
    expect(JSON.parse(capLineage(trail.slice(0, 1), undefined, read))).toEqual(JSON.parse(JSON.stringify(trail.slice(0, 1))));
    expect(JSON.parse(capLineage(trail.slice(1), undefined, read))).toEqual(JSON.parse(JSON.stringify(trail.slice(1))));
  });

  it('still has the secrets of the run masked', () => {
    const mask = new SecretMask();
    mask.addConnection({ config: {}, secrets: { token: 'sk-0123456789abcdef' } });
    const secretData = { id: 'o2', token: 'sk-0123456789abcdef' };
    const stored = capLineage([{ node: 'orders', port: 'out', data: secretData }], mask.mask, JSON.stringify(secretData));
    expect(stored).not.toContain('sk-0123456789abcdef');
    expect(JSON.parse(stored)).toEqual([{ node: 'orders', port: 'out', data: { id: 'o2', token: '•••' } }]);
  });
});
