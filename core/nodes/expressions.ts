/**
 * Expressions over a record: JSONata for anything computed, and two fast paths that give the
 * same answers: plain field paths (`customer.email`, most mappings) are a property walk, and the
 * everyday subset of JSONata is compiled to synchronous JavaScript (jsonata-compile.ts). Only what
 * the compiled code cannot answer (an expression outside the subset, or a value it leaves to
 * JSONata) goes to JSONata's evaluator, which returns a promise.
 */
import jsonata from 'jsonata';
import { recordToSet, setPathParts } from './field-path';
import { BAIL, compileJsonata } from './jsonata-compile';

export { setPathParts } from './field-path';

// Names only: a leading $ is a JSONata variable ($settings), not a field.
const PLAIN_PATH = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const FALLBACK = Symbol('fallback');

export type Bindings = Record<string, unknown>;

export interface CompiledExpression {
  readonly source: string;
  readonly isPlainPath: boolean;
  /** Returns undefined when the expression gives no value. May return a promise (JSONata). */
  evaluate(input: unknown, bindings?: Bindings): unknown;
}

/** JSONata's literals look like names but are values. */
const LITERALS = new Set(['true', 'false', 'null']);

export function isPlainPath(expr: string): boolean {
  const e = expr.trim();
  return PLAIN_PATH.test(e) && !LITERALS.has(e);
}

/** The syntax error of a JSONata expression in plain words, or undefined when it is valid. */
export function expressionError(expr: string): string | undefined {
  if (!expr.trim()) return 'is empty';
  if (isPlainPath(expr)) return undefined;
  try {
    jsonata(expr);
    return undefined;
  } catch (e) {
    // JSONata's parser recurses: 20,000 brackets, or terms joined by operators, overflow the stack.
    if (e instanceof RangeError) return `is nested too deeply or joins too many terms to be read (${expr.length} characters); split it up`;
    const err = e as { message?: string; position?: number };
    return `is not a valid expression: ${err.message ?? String(e)}${err.position !== undefined ? ` (at character ${err.position})` : ''}`;
  }
}

/** A field path's value; only own fields count (`constructor` is not a field of every record). */
function walk(input: unknown, parts: readonly string[]): unknown {
  let v = input;
  for (const p of parts) {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) return FALLBACK;
    if (typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, p)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** The compiled subset where it answers, JSONata (a promise) where it does not. */
function compiledOrJsonata(source: string): (input: unknown, bindings?: Bindings) => unknown {
  const viaJsonata = jsonata(source);
  const fast = compileJsonata(source);
  if (!fast) return (input, bindings) => viaJsonata.evaluate(input, bindings);
  return (input, bindings) => {
    const v = fast(input, bindings);
    return v === BAIL ? viaJsonata.evaluate(input, bindings) : v;
  };
}

export function compileExpression(expr: string): CompiledExpression {
  const source = expr.trim();
  if (isPlainPath(source)) {
    const parts = source.split('.');
    // Compiled on first need: a plain path that is also a JSONata keyword (`and`) still reads the field.
    let general: ((input: unknown, bindings?: Bindings) => unknown) | undefined;
    return {
      source,
      isPlainPath: true,
      evaluate(input, bindings) {
        const v = walk(input, parts);
        if (v !== FALLBACK) return v;
        general ??= compiledOrJsonata(source);
        return general(input, bindings);
      },
    };
  }
  return { source, isPlainPath: false, evaluate: compiledOrJsonata(source) };
}

/**
 * Sets `a.b.c` on an object of the caller's, copying the objects along the path rather than
 * changing them: they may belong to the input record, which other branches of the flow share.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  setPathParts(target, path.split('.'), value);
}

export function getPath(input: unknown, path: string): unknown {
  const v = walk(input, path.split('.'));
  return v === FALLBACK ? undefined : v;
}

/** Path of a field as a user writes it: letters, digits, _ and $, separated by dots. */
export const FIELD_PATH = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;

/** The top-level field a path sets: the only field of a withPath copy that is not the input's. */
export const topField = (path: string): string => path.split('.')[0] as string;

/** A copy of `input` with `path` set; the input is left as it was. */
export function withPath(input: unknown, path: string, value: unknown): Record<string, unknown> {
  const root = recordToSet(input);
  setPath(root, path, value);
  return root;
}

/** A zod check for a config field that holds an expression; the error names the field. */
export function expressionCheck(value: string, ctx: { addIssue(issue: { code: 'custom'; message: string }): void }): void {
  const error = expressionError(value);
  if (error) ctx.addIssue({ code: 'custom', message: error });
}
