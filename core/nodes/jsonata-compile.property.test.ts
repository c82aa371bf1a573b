/**
 * The compiled subset against JSONata on generated expressions and generated records: whatever
 * the compiled code answers must be exactly JSONata's answer. Fixed seed; a failure prints the
 * seed and the smallest expression and record that show it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import jsonata from 'jsonata';
import { compare, sameValue } from '../testing/jsonata-differential';
import { setPathParts } from './field-path';
import { compileJsonata, compileRecordBuilder, type MappedField } from './jsonata-compile';

const SEED = 20241201;

const leaf = fc.constantFrom(
  'a', 'b', 's', 'n', 'obj', 'obj.x', 'lines', 'lines.q', 'lines.p', 'lines.sku', 'nested.lines.q', 'missing', '$', '$$.a', '$settings.k', '$v',
  '0', '1', '2', '19', '100', '0.5', '2.5', '-1.5', '1.005', '"x"', '""', '" A b "', '"12.5"', 'true', 'false', 'null',
);
const FUNCTIONS1 = ['sum', 'max', 'min', 'average', 'count', 'round', 'number', 'string', 'lowercase', 'uppercase', 'trim', 'exists', 'boolean', 'not', 'join', 'length', 'floor', 'abs'];
const OPERATORS = ['+', '-', '*', '/', '%', '&', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', 'in'];

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(fc.constantFrom(...FUNCTIONS1), tie('expr')).map(([f, a]) => `$${f}(${a})`),
    fc.tuple(tie('expr'), fc.constantFrom('0', '1', '-2', '1.5')).map(([a, p]) => `$round(${a}, ${p})`),
    fc.tuple(tie('expr'), fc.constantFrom('0', '2', '-3'), fc.option(fc.constantFrom('0', '3', '-1'))).map(([s, a, l]) => `$substring(${s}, ${a}${l === null ? '' : `, ${l}`})`),
    tie('expr').map((e) => `-(${e})`),
    fc.tuple(tie('expr'), tie('expr'), fc.option(tie('expr'))).map(([c, t, e]) => `(${c}) ? (${t})${e === null ? '' : ` : (${e})`}`),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `{"k": ${x}, "1": ${y}}`),
    fc.tuple(fc.constantFrom('lines', 'nested', 'obj', 'a'), tie('expr')).map(([p, e]) => `${p}.(${e})`),
    fc.tuple(fc.constantFrom('lines', 'nested.lines', 'a'), tie('expr')).map(([p, e]) => `${p}.{"v": ${e}, "q": q}`),
    tie('expr').map((e) => `[lines.{"v": ${e}}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `($v := ${x}; ${y})`),
    fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `(${x}; ${y})`),
  ),
}));

const scalar = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.constantFrom(0.5, 1.5, 2.5, -2.5, 1.005, 0.1, -0, 1e16, 123456789.123),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', ' x ', 'Cust1@Example.COM', '12.50', '007', '1e3', '0x1F', '😀ab'),
  fc.boolean(),
  fc.constant(null),
);
// Data shaped like a JSONata function is read (and raised on) by JSONata as one.
const functionShaped = fc.record({ kind: fc.constantFrom('_jsonata_lambda', '_jsonata_function'), x: scalar }).map(({ kind, x }) => ({ [kind]: true, x }));
const value = fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('x', 'q', 'sku'), scalar, { maxKeys: 2 }), functionShaped);
const line = fc.oneof(
  fc.record({ sku: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), q: fc.oneof(fc.integer({ min: 0, max: 5 }), scalar), p: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 100 }), scalar) }, { requiredKeys: [] }),
  value,
);
const lines = fc.oneof(fc.array(line, { maxLength: 4 }), line, fc.array(fc.array(line, { maxLength: 2 }), { maxLength: 2 }));
const record = fc.record(
  { a: value, b: value, s: scalar, n: fc.integer(), obj: value, lines, nested: fc.oneof(fc.record({ lines }), fc.array(fc.record({ lines }), { maxLength: 2 })) },
  { requiredKeys: [] },
);

const bindings = { settings: { k: 'setting' } };

describe('the JSONata subset compiler on generated expressions and records', () => {
  it('answers exactly as JSONata, or bails', async () => {
    let answered = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(expr, fc.array(record, { minLength: 1, maxLength: 4 }), async (source, records) => {
        const compiled = compileJsonata(source);
        expect(compiled, `"${source}" should be inside the subset`).toBeDefined();
        if (!compiled) return;
        runs++;
        for (const input of records) {
          const verdict = await compare(source, compiled, input, bindings);
          expect(verdict.mismatch).toBeUndefined();
          if (!verdict.bailed) answered++;
        }
      }),
      { seed: SEED, numRuns: 1500 },
    );
    // A test in which everything bailed would prove nothing.
    expect(answered).toBeGreaterThan(runs);
  }, 120_000);
});

/** The datamapper's rule, with JSONata evaluating every field: the record, or the first field without a value. */
async function mapWithJsonata(fields: MappedField[], keepOtherFields: boolean, input: unknown): Promise<Record<string, unknown> | { missing: number } | { error: unknown }> {
  const out: Record<string, unknown> = keepOtherFields ? { ...(input as Record<string, unknown>) } : {};
  for (const [i, f] of fields.entries()) {
    let v: unknown;
    try {
      v = await jsonata(f.expr).evaluate(input, bindings);
    } catch (error) {
      return { error };
    }
    if (v === undefined || v === null) {
      if (f.optional) continue;
      if (v === undefined) return { missing: i };
    }
    setPathParts(out, f.parts, v);
  }
  return out;
}

/**
 * What the builder made of `input` against JSONata field by field: the same record, or the same
 * missing field. False when the builder left the record to JSONata (nothing to compare).
 */
async function expectAsJsonata(fields: MappedField[], keepOtherFields: boolean, input: unknown, got: Record<string, unknown> | number | undefined): Promise<boolean> {
  if (typeof got === 'number' && got >= 0) return false;
  const want = await mapWithJsonata(fields, keepOtherFields, input);
  expect('error' in want, `JSONata raised an error, the builder answered ${JSON.stringify(got)}`).toBe(false);
  if (typeof got === 'number') expect(want).toEqual({ missing: -1 - got });
  else expect(sameValue(got, want), `${JSON.stringify(got)} vs ${JSON.stringify(want)}`).toBe(true);
  return true;
}

const target = fc.constantFrom(['x'], ['y'], ['a'], ['k', 'x'], ['k', 'y'], ['1']);
const field = fc.record({ expr, parts: target, optional: fc.boolean() });

describe('the record builder of the datamapper', () => {
  it('makes the record JSONata field by field would make, or says which field needs JSONata', async () => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(field, { minLength: 1, maxLength: 4 }), fc.boolean(), record, async (fields, keepOtherFields, input) => {
        const build = compileRecordBuilder(fields, keepOtherFields);
        expect(build, 'every generated expression is inside the subset').toBeDefined();
        if (await expectAsJsonata(fields, keepOtherFields, input, build?.(input, bindings))) built++;
      }),
      { seed: SEED, numRuns: 600 },
    );
    expect(built).toBeGreaterThan(100);
  }, 120_000);
});

// Fields that share a subexpression (W1-mapping sums its lines in three fields): the builder keeps
// its value for the record and must never hand it to the next one.
const sharing = fc.constantFrom('(S)', '$string(S)', '(S) & "!"', '$count([S])', '(S) ? 1 : 2', '($v := S; $v)', '[lines.{"v": S}]', 'lines.(S)', '$sum(lines.((S) + 0))');

describe('the record builder with fields that share a subexpression', () => {
  it('makes, record after record, what JSONata makes of each', async () => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(expr, fc.array(fc.tuple(sharing, target, fc.boolean()), { minLength: 2, maxLength: 4 }), fc.array(record, { minLength: 2, maxLength: 4 }), async (shared, templates, inputs) => {
        const fields: MappedField[] = templates.map(([t, parts, optional]) => ({ expr: t.replaceAll('S', shared), parts, optional }));
        const build = compileRecordBuilder(fields, false);
        expect(build, 'every generated expression is inside the subset').toBeDefined();
        for (const input of inputs) if (await expectAsJsonata(fields, false, input, build?.(input, bindings))) built++;
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(built).toBeGreaterThan(300);
  }, 120_000);
});
