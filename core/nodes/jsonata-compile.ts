/**
 * Compiles the everyday part of JSONata into plain synchronous JavaScript: field paths and path maps
 * over arrays (`lines.qty`, `lines.{…}`, `lines.(price * qty)`), text joins, arithmetic,
 * comparisons, `and` / `or` / `in`, conditions, object and array constructors, blocks with `:=`
 * variables, and the functions of jsonata-values.ts ($round, $sum, $number, $string, $substring,
 * $lowercase, $uppercase, $trim, …). It exists for speed: a mapping costs a few property reads
 * instead of a JSONata evaluation and a chain of promises, and a record never waits.
 *
 * Correctness rule: the compiled function either returns exactly what JSONata would, or returns
 * BAIL, and the caller then asks JSONata itself. It follows JSONata's own evaluator step by step
 * (sequences, flattening, singletons, undefined), and bails wherever JSONata would raise an error.
 * Anything it does not know (predicates, wildcards, lambdas, sorting, …) is not compiled at all.
 * The differential tests beside this file check the rule on a corpus and on generated input.
 * The generator is in jsonata-codegen.ts, the linking in jsonata-link.ts.
 */
import jsonata from 'jsonata';
import { Generator, repeatedAtRoot, str, Unsupported, type AstNode, type Ctx } from './jsonata-codegen';
import { boundNames, link, shadowCheck } from './jsonata-link';
import { BAIL } from './jsonata-values';

export { BAIL } from './jsonata-values';
export type Compiled = (input: unknown, bindings: Record<string, unknown> | undefined) => unknown;


/** The compiled function for an expression, or undefined when it uses more than the subset. */
export function compileJsonata(expr: string): Compiled | undefined {
  const ast = jsonata(expr).ast() as AstNode;
  const gen = new Generator(boundNames(ast));
  let root: { fn: string; rootBinds: boolean };
  try {
    root = gen.root(ast);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const fn = link(gen, [], root.fn) as (input: unknown, ctx: Ctx) => unknown;
  // One context per expression, reused: the generated code runs to its end without waiting.
  const ctx: Ctx = { root: undefined, bindings: undefined, frame: undefined };
  const called = [...gen.called];
  return (input, bindings) => {
    // JSONata wraps an array given as the whole input; records are objects, so that is left to it.
    if (Array.isArray(input)) return BAIL;
    // A binding named like a built-in function would be called instead of it.
    if (bindings !== undefined) for (const name of called) if (Object.prototype.hasOwnProperty.call(bindings, name)) return BAIL;
    ctx.root = input;
    ctx.bindings = bindings;
    ctx.frame = root.rootBinds ? { vars: new Map(), parent: undefined } : undefined;
    return fn(input, ctx);
  };
}

/** repeatedAtRoot, or none: an AST it cannot walk (none is known) only costs the saving. */
function sharedOf(asts: AstNode[]): Set<string> {
  try {
    return repeatedAtRoot(asts);
  } catch {
    return new Set();
  }
}

export interface MappedField {
  expr: string;
  /** The target path, split at its dots. */
  parts: readonly string[];
  /** Left out when it has no value (or null), instead of failing the record. */
  optional: boolean;
}

/**
 * Builds a datamapper's output record in one generated function: the new record, or a number —
 * `-1 - i` when field i (required) has no value, `i` when field i needs JSONata itself (the caller
 * then maps the record the slow way, field by field).
 */
export type RecordBuilder = (input: unknown, bindings: Record<string, unknown> | undefined) => Record<string, unknown> | number;

/** A RecordBuilder for the fields, or undefined when one of them is outside the subset. */
export function compileRecordBuilder(fields: readonly MappedField[], keepOtherFields: boolean): RecordBuilder | undefined {
  if (fields.some((f) => f.parts.includes('__proto__'))) return undefined;
  let asts: AstNode[];
  try {
    asts = fields.map((f) => jsonata(f.expr).ast() as AstNode);
  } catch {
    return undefined; // a plain path that is a JSONata keyword (`and`): read as a field, not here
  }
  // What several fields compute alike on the record (W1-mapping sums the lines three times) is computed once per record.
  const gen = new Generator(boundNames(asts), sharedOf(asts));
  let roots: Array<{ fn: string; rootBinds: boolean }>;
  try {
    roots = asts.map((ast) => gen.root(ast));
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  // With every field required and at the top level (the usual mapping), the record is made in one
  // piece once all values are known, rather than grown field by field.
  const whole = fields.every((f) => !f.optional && f.parts.length === 1);
  const lines = [
    'const ctx = { root: undefined, bindings: undefined, frame: undefined };',
    // Which record this is: a shared subexpression's kept value is for the one it was computed on.
    'let recordNo = 0;',
    'function build(input, bindings) {',
    '  if (Array.isArray(input)) return 0;',
    `  ${shadowCheck(gen, '0')}`,
    '  recordNo++;',
    '  ctx.root = input;',
    '  ctx.bindings = bindings;',
  ];
  // A copy of the input gets its fields set one by one (own-field.ts `copyFields`: never `{ ...input, a: … }`).
  if (!whole || keepOtherFields) lines.push(`  const out = ${keepOtherFields ? 'copyFields(input)' : '{}'};`);
  fields.forEach((f, i) => {
    const root = roots[i] as { fn: string; rootBinds: boolean };
    const set = f.parts.length === 1 ? `out[${str(f.parts[0] as string)}] = v${i};` : `setPathParts(out, ${gen.constant(f.parts)}, v${i});`;
    lines.push(
      `  ctx.frame = ${root.rootBinds ? '{ vars: new Map(), parent: undefined }' : 'undefined'};`,
      `  const v${i} = ${root.fn}(input, ctx);`,
      `  if (v${i} === BAIL) return ${i};`,
      f.optional ? `  if (v${i} !== undefined && v${i} !== null) ${set}` : `  if (v${i} === undefined) return ${-1 - i};${whole && !keepOtherFields ? '' : `\n  ${set}`}`,
    );
  });
  if (whole && !keepOtherFields) lines.push(`  return { ${fields.map((f, i) => `${str(f.parts[0] as string)}: v${i}`).join(', ')} };`, '}');
  else lines.push('  return out;', '}');
  return link(gen, lines, 'build') as RecordBuilder;
}
