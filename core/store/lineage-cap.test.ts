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
    const stored = capLineage(trail, undefined, { first: read });
    expect(stored).toContain(read);
    expect(JSON.parse(stored)).toEqual(JSON.parse(JSON.stringify(trail)));
    // A lineage of the source step alone, and one whose first step has no data, too.
    expect(JSON.parse(capLineage(trail.slice(0, 1), undefined, { first: read }))).toEqual(JSON.parse(JSON.stringify(trail.slice(0, 1))));
    expect(JSON.parse(capLineage(trail.slice(1), undefined, { first: read }))).toEqual(JSON.parse(JSON.stringify(trail.slice(1))));
  });

  it('still has the secrets of the run masked', () => {
    const mask = new SecretMask();
    mask.addConnection({ config: {}, secrets: { token: 'sk-0123456789abcdef' } });
    const secretData = { id: 'o2', token: 'sk-0123456789abcdef' };
    const stored = capLineage([{ node: 'orders', port: 'out', data: secretData }], mask.mask, { first: JSON.stringify(secretData) });
    expect(stored).not.toContain('sk-0123456789abcdef');
    expect(JSON.parse(stored)).toEqual([{ node: 'orders', port: 'out', data: { id: 'o2', token: '•••' } }]);
  });

  it('takes the data of the last step that carries data as the text its target wrote, beside the source text', () => {
    const sent = { id: 'o1', total: 3 };
    const withEnd = [...trail.slice(0, 2), { node: 'keep', port: 'out', data: sent }, { node: 'out', port: 'out', action: 'create' }];
    const wrote = JSON.stringify(sent);
    const stored = capLineage(withEnd, undefined, { first: read, last: wrote });
    expect(stored).toContain(read);
    expect(stored).toContain(`"data":${wrote}}`);
    expect(JSON.parse(stored)).toEqual(JSON.parse(JSON.stringify(withEnd)));
    // The last data is the first step's: the source's text is the one taken.
    expect(JSON.parse(capLineage(trail, undefined, { first: read, last: '"not this"' }))).toEqual(JSON.parse(JSON.stringify(trail)));
    expect(JSON.parse(capLineage(withEnd, undefined, { last: wrote }))).toEqual(JSON.parse(JSON.stringify(withEnd)));
  });
});
