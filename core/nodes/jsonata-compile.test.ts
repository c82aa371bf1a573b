import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { BAIL, compileJsonata } from './jsonata-compile';

const expressions = [
  'a',
  'a.b',
  'a.b.c',
  'lines.sku',
  'lines.(q * p)',
  '$sum(lines.(q * p))',
  '$sum(lines.q)',
  '$count(lines)',
  '$count(lines.sku)',
  'first & " " & last',
  'a & b',
  'a + b',
  'a - b * 2',
  'a / b',
  'a % b',
  '-a',
  'a = b',
  'a != b',
  'a < b',
  'a >= b',
  'a > 1 and b < 5',
  'a or b',
  'a ? "yes" : "no"',
  'a ? b',
  '$substring(s, 0, 3)',
  '$substring(s, -3)',
  '$substring(s, -3, 2)',
  '$substring(s, 2, 0)',
  '$uppercase(s)',
  '$lowercase(s)',
  '$trim(s)',
  '$string(a)',
  '$number(s)',
  '$exists(a)',
  '$join(tags, ", ")',
  '$join(tags)',
  '$boolean(a)',
  '$not(a)',
  '$settings.employee',
  '$settings.employee & "-" & a',
  'lines.($ * 2)',
  'nums.($ * 2)',
  '"x" & 1.5',
  'a.b = "x"',
];

const inputs: unknown[] = [
  {},
  { a: 1, b: 2 },
  { a: 0, b: -3.5 },
  { a: 'x', b: 'y' },
  { a: 'x', b: 2 },
  { a: true, b: false },
  { a: null, b: null },
  { a: [1, 2], b: [3] },
  { a: { b: 'x' } },
  { a: { b: [1, 2] } },
  { a: [{ b: 1 }, { b: 2 }] },
  { a: [{ b: [1] }] },
  { a: { b: { c: 3 } } },
  { a: { b: [{ c: 1 }] } },
  { a: 1.25, b: 0 },
  { a: 1e16, b: 1 },
  { a: 123456789012345, b: 1 },
  { first: 'Anna', last: 'Jansen' },
  { first: 'Anna' },
  { first: 3, last: null },
  { lines: [{ sku: 'A', q: 2, p: 1.5 }, { sku: 'B', q: 1, p: 4 }] },
  { lines: [{ sku: 'A', q: 2, p: 1.5 }] },
  { lines: [{ q: 2 }] },
  { lines: [] },
  { lines: { sku: 'A', q: 3, p: 2 } },
  { lines: [{ sku: ['A', 'B'] }, { sku: 'C' }] },
  { lines: [[{ sku: 'A' }]] },
  { lines: [1, 2, 3] },
  { lines: [{ q: 'two', p: 1 }] },
  { nums: [1, 2, 3] },
  { nums: [] },
  { s: 'abcdef' },
  { s: '  hello   world  ' },
  { s: '12.50' },
  { s: 'not a number' },
  { s: '😀a😀bc' },
  { s: 12 },
  { tags: ['x', 'y'] },
  { tags: 'solo' },
  { tags: [1, 2] },
  [{ a: 1 }],
  'text',
  7,
];

const settings = { settings: { employee: 999999 } };

describe('the JSONata subset compiler', () => {
  it('gives exactly what JSONata gives, or bails, on every expression and input of the corpus', async () => {
    let answered = 0;
    let bailed = 0;
    for (const expr of expressions) {
      const compiled = compileJsonata(expr);
      expect(compiled, `"${expr}" should be inside the subset`).toBeDefined();
      for (const input of inputs) {
        const fast = compiled?.(input, settings);
        let expected: unknown;
        let threw: unknown;
        try {
          expected = await jsonata(expr).evaluate(input, settings);
        } catch (e) {
          threw = e;
        }
        if (fast === BAIL) {
          bailed++;
          continue;
        }
        answered++;
        const where = `${expr} on ${JSON.stringify(input)}`;
        expect(threw, `${where}: JSONata raised an error, the compiled code did not bail`).toBeUndefined();
        // JSONata marks its result sequences with extra properties; compare as plain data.
        expect(fast === undefined ? undefined : JSON.parse(JSON.stringify(fast)), where).toEqual(expected === undefined ? undefined : JSON.parse(JSON.stringify(expected)));
      }
    }
    // The point is speed: most of the corpus must be answered without JSONata.
    expect(answered).toBeGreaterThan(bailed * 2);
  });

  it('leaves expressions outside the subset to JSONata', () => {
    for (const expr of ['lines[0].sku', 'lines[q > 1]', '$map(a, function($v) { $v * 2 })', 'a in [1, 2]', '$now()', 'lines.sku[]', '{"x": a}', '[a, b]', 'a.b{c: d}']) {
      expect(compileJsonata(expr), expr).toBeUndefined();
    }
  });
});

describe('plain paths and literals', () => {
  it('reads true, false and null as values, not as fields named so', async () => {
    const { compileExpression } = await import('./expressions');
    expect(compileExpression('true').evaluate({ true: 'field' })).toBe(true);
    expect(compileExpression('null').evaluate({})).toBe(null);
    expect(compileExpression('truth').evaluate({ truth: 1 })).toBe(1);
  });
});
