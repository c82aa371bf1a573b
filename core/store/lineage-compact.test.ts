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

  describe('when the target wrote the final data as text', () => {
    it('keeps that step whole and the steps before it as what differs from the next one', () => {
      const source = { id: 'o1', email: 'a@x.nl', total: 10, country: 'Germany' };
      const deal = { externalId: 'o1', contactEmail: 'a@x.nl', countryCode: 'Germany', lines: [{ sku: '1' }] };
      const coded = { ...deal, countryCode: 'DE' };
      const looked = { ...coded, contact: { crm: 7 } };
      const known = { externalId: 'o1', contactEmail: 'a@x.nl', countryCode: 'DE', lines: deal.lines, crm: 7 };
      const trail: LineageStep[] = [
        { node: 'orders', port: 'out', data: source },
        { node: 'deal', port: 'out', data: deal },
        { node: 'country', port: 'out', data: coded, changed: ['countryCode'] },
        { node: 'check', port: 'out' },
        { node: 'contact', port: 'found', data: looked, changed: ['contact'] },
        { node: 'known', port: 'out', data: known },
        { node: 'out', port: 'out', action: 'create' },
      ];
      const stored = compactLineage(trail, true);
      expect(stored[0]).toEqual({ node: 'orders', port: 'out', data: source });
      // The new record the mapping built is no longer kept whole: the step after it says what it had.
      expect(stored[1]).toEqual({ node: 'deal', port: 'out', fromNext: { set: { countryCode: 'Germany' } } });
      expect(stored[2]).toEqual({ node: 'country', port: 'out', fromNext: { set: {}, unset: ['contact'] } });
      expect(stored[3]).toBe(trail[3]);
      expect(stored[4]).toEqual({ node: 'contact', port: 'found', fromNext: { set: { contact: { crm: 7 } }, unset: ['crm'] } });
      expect(stored[5]).toEqual({ node: 'known', port: 'out', data: known });
      expect(JSON.stringify(stored)).not.toContain('changed');
      expect(expandLineage(JSON.parse(JSON.stringify(stored)))).toEqual(JSON.parse(JSON.stringify(fullLineage(trail))));
    });

    it('goes forward again from a step that shares no field with the one after it', () => {
      const source = { id: 'o1', country: 'Germany' };
      const coded = { ...source, country: 'DE' };
      const fresh = { ref: 'o1' };
      const trail: LineageStep[] = [
        { node: 'orders', port: 'out', data: source },
        { node: 'country', port: 'out', data: coded, changed: ['country'] },
        { node: 'fresh', port: 'out', data: fresh },
        { node: 'out', port: 'out', action: 'create' },
      ];
      const stored = compactLineage(trail, true);
      expect(stored[1]).toEqual({ node: 'country', port: 'out', set: { country: 'DE' } });
      expect(stored[2]).toEqual({ node: 'fresh', port: 'out', data: fresh });
      expect(expandLineage(JSON.parse(JSON.stringify(stored)))).toEqual(JSON.parse(JSON.stringify(fullLineage(trail))));
    });

    it('round-trips any lineage of plain JSON data, with or without the words of the nodes (fast-check)', () => {
      const json = fc.jsonValue({ maxDepth: 2 });
      const keys = fc.constantFrom('a', 'b', 'c', 'd', '__proto__');
      const object = fc.dictionary(keys, json, { maxKeys: 4 });
      // A step makes new data, changes some fields of the data before it (saying which, or not), or keeps it.
      const step = fc.record({
        node: fc.constantFrom('s', 'm', 't'),
        port: fc.constantFrom('out', undefined),
        make: fc.oneof(
          fc.record({ kind: fc.constant('new' as const), data: fc.oneof(object, json) }),
          fc.record({ kind: fc.constant('change' as const), set: object, unset: fc.array(keys, { maxLength: 2 }), declare: fc.boolean() }),
          fc.record({ kind: fc.constant('keep' as const) }),
        ),
      });
      fc.assert(
        fc.property(object, fc.array(step, { maxLength: 6 }), (first, steps) => {
          const trail: LineageStep[] = [{ node: 'src', port: 'out', data: first }];
          let data: unknown = first;
          for (const s of steps) {
            const st: LineageStep = { node: s.node, ...(s.port ? { port: s.port } : {}) };
            if (s.make.kind === 'new') data = st.data = s.make.data;
            else if (s.make.kind === 'change' && data !== null && typeof data === 'object' && !Array.isArray(data)) {
              const next: Record<string, unknown> = { ...(data as Record<string, unknown>) };
              for (const [k, v] of Object.entries(s.make.set)) Object.defineProperty(next, k, { value: v, enumerable: true, writable: true, configurable: true });
              for (const k of s.make.unset) delete next[k];
              data = st.data = next;
              if (s.make.declare) st.changed = [...Object.keys(s.make.set), ...s.make.unset];
            }
            trail.push(st);
          }
          const back = expandLineage(JSON.parse(JSON.stringify(compactLineage(trail, true))));
          expect(canonical(back)).toBe(canonical(fullLineage(trail)));
        }),
        { seed: 2026_12_03, numRuns: 1000 },
      );
    });
  });
});
