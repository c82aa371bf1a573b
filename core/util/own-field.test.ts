import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyFields, putField } from './own-field';

describe('copyFields: a copy of a record to set fields on', () => {
  it('is what a spread copy is, for any JSON record, also one with an own "__proto__" (fast-check)', () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '1'));
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }), (fields) => {
        const record = JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
        const copy = copyFields(record);
        const spread = { ...record };
        expect(copy).not.toBe(record);
        expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
        expect(Object.keys(copy)).toEqual(Object.keys(spread));
        for (const k of Object.keys(spread)) expect(Object.getOwnPropertyDescriptor(copy, k)).toEqual(Object.getOwnPropertyDescriptor(spread, k));
        // A field set on the copy is the copy's own, and the record is left as it was.
        const before = JSON.stringify(record);
        putField(copy, '__proto__', 1);
        putField(copy, 'added', 1);
        expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toBe(1);
        expect(JSON.stringify(record)).toBe(before);
      }),
      { seed: 2026_12_02, numRuns: 500 },
    );
  });

  it('keeps an own "__proto__" field as a field, never as the copy\'s prototype', () => {
    const record = JSON.parse('{"id":"o1","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const copy = copyFields(record);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('copies what is not a record as a spread does (nothing, an array, a text)', () => {
    for (const v of [null, undefined, 5, 'ab', [1, 2], true]) expect(copyFields(v)).toEqual({ ...(v as object) });
  });
});

