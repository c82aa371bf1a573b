import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineageStep } from '../engine/record';
import { compactLineage, expandLineage, fullLineage } from './lineage-compact';

/** JSON with the keys of every object sorted. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

describe('the compact lineage (historyLevel "changes")', () => {
  it('keeps the source in full and per step what changed; expanding gives the lineage back', () => {
    const source = { id: 'o1', email: 'a@x.nl', lines: [{ sku: '1' }], country: 'Germany' };
    const mapped = { id: 'o1', email: 'a@x.nl', lines: source.lines, countryCode: 'Germany' };
    const coded = { ...mapped, countryCode: 'DE' };
    const trail: LineageStep[] = [
      { node: 'orders', port: 'out', data: source },
      { node: 'map', port: 'out', data: mapped },
      { node: 'country', port: 'out', data: coded },
      { node: 'send', action: 'create', targetId: 'T1', answer: { id: 'T1' } },
    ];
    const stored = compactLineage(trail);
    expect(stored[1]).toEqual({ node: 'map', port: 'out', set: { countryCode: 'Germany' }, unset: ['country'] });
    expect(stored[2]).toEqual({ node: 'country', port: 'out', set: { countryCode: 'DE' } });
    expect(JSON.parse(JSON.stringify(expandLineage(JSON.parse(JSON.stringify(stored)))))).toEqual(JSON.parse(JSON.stringify(trail)));
  });

  it('keeps a step that made a wholly new record (no field kept) as its data, without a list of what it dropped', () => {
    const source = { id: 'o1', email: 'a@x.nl', total: 10 };
    const deal = { externalId: 'o1', contactEmail: 'a@x.nl', totalCents: 1000 };
    const tagged = { ...deal, segment: 'vip' };
    const trail: LineageStep[] = [
      { node: 'orders', port: 'out', data: source },
      { node: 'deal', port: 'out', data: deal },
      { node: 'tag', port: 'out', data: tagged },
    ];
    const stored = compactLineage(trail);
    expect(stored[1]).toEqual({ node: 'deal', port: 'out', data: deal });
    expect(stored[2]).toEqual({ node: 'tag', port: 'out', set: { segment: 'vip' } });
    expect(JSON.stringify(stored[1])).not.toContain('unset');
    expect(expandLineage(JSON.parse(JSON.stringify(stored)))).toEqual(JSON.parse(JSON.stringify(trail)));
  });

  it('round-trips any lineage of plain JSON data (fast-check)', () => {
    const json = fc.jsonValue({ maxDepth: 2 });
    const object = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', '__proto__'), json, { maxKeys: 4 });
    const step = fc.record({ node: fc.constantFrom('s', 'm', 't'), port: fc.constantFrom('out', undefined), data: fc.oneof(object, json, fc.constant(undefined)) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), (steps) => {
        const trail = JSON.parse(JSON.stringify(steps)) as LineageStep[];
        const back = expandLineage(JSON.parse(JSON.stringify(compactLineage(trail))));
        // The same steps and values; a field a step added may come later in the object than it did.
        expect(canonical(back)).toBe(canonical(trail));
      }),
      { seed: 10_10, numRuns: 500 },
    );
  });

  it('stores the fields a node said it set, without comparing; keeps the word out of what is stored', () => {
    const mapped = { id: 'o1', email: 'a@x.nl', countryCode: 'Germany', nested: { a: 1 } };
    const coded = { ...mapped, countryCode: 'DE' };
    const noted = { ...coded, ['__proto__']: 'x' };
    const { nested: _nested, ...dropped } = noted;
    const trail: LineageStep[] = [
      { node: 'deal', port: 'out', data: mapped },
      { node: 'country', port: 'out', data: coded, changed: ['countryCode'] },
      { node: 'note', port: 'out', data: noted, changed: ['__proto__', 'absent'] },
      { node: 'drop', port: 'out', data: dropped, changed: ['nested'] },
    ];
    const stored = compactLineage(trail);
    expect(stored[1]).toEqual({ node: 'country', port: 'out', set: { countryCode: 'DE' } });
    expect(Object.keys(stored[2]?.set ?? {})).toEqual(['__proto__']);
    // A field named as set that is gone: dropped.
    expect(stored[3]).toEqual({ node: 'drop', port: 'out', set: {}, unset: ['nested'] });
    expect(JSON.stringify(stored)).not.toContain('changed');
    expect(expandLineage(JSON.parse(JSON.stringify(stored)))).toEqual(JSON.parse(JSON.stringify(fullLineage(trail))));
    expect(JSON.stringify(fullLineage(trail))).not.toContain('changed');
    const plain = trail.slice(0, 1);
    expect(fullLineage(plain)).toBe(plain);
  });

  it('stores a new record as its node said it was built: whole, or its new fields and the input fields it dropped', () => {
    const source = { id: 'o1', email: 'a@x.nl', lines: [{ sku: '1' }] };
    // Kept nothing: whole, though `id` happens to be equal (compared, it would be stored as changes).
    const deal = { id: 'o1', ref: 'R-o1' };
    const known = { id: 'o1', ref: 'R-o1', crm: 7 };
    const trail: LineageStep[] = [
      { node: 'orders', port: 'out', data: source },
      { node: 'deal', port: 'out', data: deal, rebuilt: true },
      { node: 'known', port: 'out', data: known, changed: ['crm', 'absent'], rebuilt: true },
      { node: 'send', action: 'create' },
    ];
    const stored = compactLineage(trail);
    expect(stored[1]).toEqual({ node: 'deal', port: 'out', data: deal });
    expect(stored[2]).toEqual({ node: 'known', port: 'out', set: { crm: 7 } });
    const slim = { id: 'o1' };
    const dropping = compactLineage([trail[0] as LineageStep, { node: 'slim', port: 'out', data: slim, changed: [], rebuilt: true }]);
    expect(dropping[1]).toEqual({ node: 'slim', port: 'out', set: {}, unset: ['email', 'lines'] });
    expect(JSON.stringify([stored, dropping, fullLineage(trail)])).not.toMatch(/changed|rebuilt/);
    expect(expandLineage(JSON.parse(JSON.stringify(stored)))).toEqual(JSON.parse(JSON.stringify(fullLineage(trail))));
  });
});
