import { describe, expect, it } from 'vitest';
import { orders } from '../bench/w1-mapping-reference';
import { W1_MAPPING_FIELDS } from '../bench/workload-w1-mapping';
import { compare } from '../testing/jsonata-differential';
import { BAIL, compileJsonata } from './jsonata-compile';

const expressions = [
  'a',
  'a.b',
  'a.b.c',
  'constructor',
  'a.toString',
  'lines.sku',
  'lines.(q * p)',
  '$sum(lines.(q * p))',
  '$sum(lines.q)',
  '$sum(nums)',
  '$sum([])',
  '$sum(missing)',
  '$max(nums)',
  '$min(lines.q)',
  '$average(nums)',
  '$max([])',
  '$count(lines)',
  '$count(lines.sku)',
  'first & " " & last',
  'a & b',
  'a & 1.5',
  'a & 0.1 + 0.2',
  '"x" & 1e21',
  '"x" & 123456789.123456789',
  'a & obj',
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
  'a and missing',
  'a in [1, 2, "x"]',
  'a in b',
  'a ? "yes" : "no"',
  'a ? b',
  'obj ? "has" : "empty"',
  'lines ? "lines" : "none"',
  '$substring(s, 0, 3)',
  '$substring(s, -3)',
  '$substring(s, -3, 2)',
  '$substring(s, 2, 0)',
  '$substring(s, 1.5, 2)',
  '$substringBefore(s, "c")',
  '$substringAfter(s, "c")',
  '$uppercase(s)',
  '$lowercase(s)',
  '$lowercase($trim(s))',
  '$trim(s)',
  '$length(s)',
  '$string(a)',
  '$string(obj)',
  '$string(lines)',
  '$number(s)',
  '$number(a)',
  '$exists(a)',
  '$join(tags, ", ")',
  '$join(tags)',
  '$boolean(a)',
  '$boolean(lines)',
  '$not(a)',
  '$round(a)',
  '$round(a, 1)',
  '$round(a * 100)',
  '$round(s)',
  '$floor(a)',
  '$ceil(a)',
  '$abs(a)',
  '$settings.employee',
  '$settings.employee & "-" & a',
  '$$.a',
  '$.a',
  'lines.($ * 2)',
  'nums.($ * 2)',
  '"x" & 1.5',
  'a.b = "x"',
  '{"x": a, "y": b}',
  '{"1": a, "b": b, "0": a}',
  '{"x": missing}',
  '[a, b]',
  '[a, [b]]',
  '[lines.sku]',
  '[missing]',
  'lines.{"sku": sku, "q": q}',
  '[lines.{"sku": sku}]',
  'a.{"v": b}',
  '($x := a; $x & $x)',
  '($x := 1; ($x := 2); $x)',
  '($x := a; ($y := $x; $y))',
  '$x := 5',
  '($s := $sum(lines.q); $s - $round($s * 19 / 119))',
  'lines.($v := q; $v * 2)',
  '()',
  '(a; b)',
];

const inputs: unknown[] = [
  {},
  { a: 1, b: 2 },
  { a: 0, b: -3.5 },
  { a: -0, b: 0 },
  { a: 'x', b: 'y' },
  { a: 'x', b: 2 },
  { a: true, b: false },
  { a: null, b: null },
  { a: [1, 2], b: [3] },
  { a: [], b: ['x'] },
  { a: { b: 'x' } },
  { a: { b: [1, 2] } },
  { a: [{ b: 1 }, { b: 2 }] },
  { a: [{ b: [1] }] },
  { a: [[{ b: 1 }], { b: 2 }] },
  { a: { b: { c: 3 } } },
  { a: { b: [{ c: 1 }] } },
  { a: { toString: 'own' } },
  // Data that looks like a JSONata function to JSONata: its fields are not read.
  { a: { _jsonata_function: true, b: 'x' } },
  { a: { _jsonata_lambda: true, b: 'x' }, b: 1 },
  { a: { _jsonata_lambda: 'yes', b: 'x' } },
  { a: [{ _jsonata_lambda: true, b: 'x' }, 1], b: [{ _jsonata_function: true }] },
  { a: 1.25, b: 0 },
  { a: 2.5, b: 0.5 },
  { a: -2.5, b: 3.5 },
  { a: 0.125, b: 1 },
  { a: 1.005, b: 1 },
  { a: 1e16, b: 1 },
  { a: 123456789012345, b: 1 },
  { a: 'x', obj: { n: 1.1, t: 'y' } },
  { obj: {} },
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
  { lines: [[{ sku: 'A' }, { sku: 'B' }], [{ sku: 'C' }]] },
  { lines: [1, 2, 3] },
  { lines: [{ q: 'two', p: 1 }] },
  { lines: [{ sku: 'A', q: 2, p: 1.5 }, 'stray'] },
  { nums: [1, 2, 3] },
  { nums: [1] },
  { nums: [] },
  { nums: [1, 'x'] },
  { s: 'abcdef' },
  { s: '  hello   world  ' },
  { s: ' \tCust402@Example.COM\n' },
  { s: '12.50' },
  { s: '007' },
  { s: '1e3' },
  { s: '0x1F' },
  { s: 'not a number' },
  { s: '😀a😀bc' },
  { s: '' },
  { s: 12 },
  { tags: ['x', 'y'] },
  { tags: 'solo' },
  { tags: [1, 2] },
  { tags: [] },
  [{ a: 1 }],
  'text',
  7,
];

const settings = { settings: { employee: 999999 } };

describe('the JSONata subset compiler', () => {
  it('gives exactly what JSONata gives, or bails, on every expression and input of the corpus', async () => {
    let answered = 0;
    let bailed = 0;
    const mismatches: string[] = [];
    for (const expr of expressions) {
      const compiled = compileJsonata(expr);
      expect(compiled, `"${expr}" should be inside the subset`).toBeDefined();
      if (!compiled) continue;
      for (const input of inputs) {
        const verdict = await compare(expr, compiled, input, settings);
        if (verdict.mismatch) mismatches.push(verdict.mismatch);
        if (verdict.bailed) bailed++;
        else answered++;
      }
    }
    expect(mismatches).toEqual([]);
    // The point is speed: most of the corpus must be answered without JSONata.
    expect(answered).toBeGreaterThan(bailed * 2);
  });

  it('answers every field of the W1-mapping workload itself, exactly as JSONata', async () => {
    const records = [...orders(300, 7)];
    for (const field of W1_MAPPING_FIELDS) {
      const compiled = compileJsonata(field.expr);
      expect(compiled, field.expr).toBeDefined();
      if (!compiled) continue;
      for (const order of records) {
        const verdict = await compare(field.expr, compiled, order, settings);
        expect(verdict.mismatch).toBeUndefined();
        expect(verdict.bailed, `${field.expr} bailed on ${order.id}`).toBe(false);
      }
    }
  });

  it("rounds half to even, as JSONata's $round does", () => {
    const round = compileJsonata('$round(v)');
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 3.49].map((v) => round?.({ v }, undefined))).toEqual([0, 2, 2, 0, -2, 3]);
    expect(compileJsonata('$round(v, 2)')?.({ v: 2.675 }, undefined)).toBe(2.68);
  });

  it('unwraps a path map over one item, and keeps an array constructor an array', () => {
    const items = compileJsonata('lines.{"sku": sku}');
    const wrapped = compileJsonata('[lines.{"sku": sku}]');
    expect(items?.({ lines: [{ sku: 'A' }] }, undefined)).toEqual({ sku: 'A' });
    expect(wrapped?.({ lines: [{ sku: 'A' }] }, undefined)).toEqual([{ sku: 'A' }]);
    expect(wrapped?.({ lines: [] }, undefined)).toEqual([]);
  });

  it('leaves expressions outside the subset to JSONata', () => {
    for (const expr of ['lines[0].sku', 'lines[q > 1]', '$map(a, function($v) { $v * 2 })', '$now()', 'lines.sku[]', 'a.b{c: d}', '{a: b}', '{"k": 1, "k": 2}', 'a.[b]', '*.a', '**.a', 'lines^(q)', '[$x := 1, $x]', '($sum := 1; $sum(a))', 'a ~> $string()', '[1..3]', '$toString(a)', '$constructor()', '$hasOwnProperty("a")']) {
      expect(compileJsonata(expr), expr).toBeUndefined();
    }
  });

  it('bails on a whole input that is an array, which JSONata wraps', () => {
    expect(compileJsonata('a')?.([{ a: 1 }], undefined)).toBe(BAIL);
  });
});

describe('plain paths and literals', () => {
  it('reads true, false and null as values, not as fields named so', async () => {
    const { compileExpression } = await import('./expressions');
    expect(compileExpression('true').evaluate({ true: 'field' })).toBe(true);
    expect(compileExpression('null').evaluate({})).toBe(null);
    expect(compileExpression('truth').evaluate({ truth: 1 })).toBe(1);
  });

  it('reads only fields of the record itself, not what every object inherits', async () => {
    const { compileExpression } = await import('./expressions');
    expect(compileExpression('constructor').evaluate({})).toBeUndefined();
    expect(compileExpression('a.toString').evaluate({ a: {} })).toBeUndefined();
    expect(compileExpression('a.toString').evaluate({ a: { toString: 'own' } })).toBe('own');
  });
});
