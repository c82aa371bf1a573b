/**
 * Expressions over a record: JSONata for anything computed, and two fast paths that give the
 * same answers: plain field paths (`customer.email`, most mappings) are a property walk, and the
 * everyday subset of JSONata is compiled to JavaScript (jsonata-compile.ts). The fast path only answers where its result equals JSONata's; when it meets an
 * array on the way (where JSONata would map over the items) it hands over to JSONata.
 */
import jsonata from 'jsonata';
import { BAIL, compileJsonata } from './jsonata-compile';

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

function walk(input: unknown, parts: readonly string[]): unknown {
  let v = input;
  for (const p of parts) {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) return FALLBACK;
    if (typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

export function compileExpression(expr: string): CompiledExpression {
  const source = expr.trim();
  let compiled: jsonata.Expression | undefined;
  const viaJsonata = (input: unknown, bindings?: Bindings) => {
    compiled ??= jsonata(source);
    return compiled.evaluate(input, bindings);
  };
  if (isPlainPath(source)) {
    const parts = source.split('.');
    return {
      source,
      isPlainPath: true,
      evaluate(input, bindings) {
        const v = walk(input, parts);
        return v === FALLBACK ? viaJsonata(input, bindings) : v;
      },
    };
  }
  compiled = jsonata(source);
  const fast = compileJsonata(source);
  if (!fast) return { source, isPlainPath: false, evaluate: viaJsonata };
  return {
    source,
    isPlainPath: false,
    evaluate(input, bindings) {
      const v = fast(input, bindings);
      return v === BAIL ? viaJsonata(input, bindings) : v;
    },
  };
}

/**
 * Sets `a.b.c` on an object of the caller's, copying the objects along the path rather than
 * changing them: they may belong to the input record, which other branches of the flow share.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let obj = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    const next = p === PROTO ? ownProto(obj) : obj[p];
    const copy: Record<string, unknown> = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    put(obj, p, copy);
    obj = copy;
  }
  put(obj, parts[parts.length - 1] as string, value);
}

// A field named "__proto__" is a field like any other: assigning it would change the object's
// prototype instead (and lose the value), so it is defined as an own property.
const PROTO = '__proto__';
const ownProto = (obj: Record<string, unknown>): unknown => (Object.hasOwn(obj, PROTO) ? Object.getOwnPropertyDescriptor(obj, PROTO)?.value : undefined);
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === PROTO) Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function getPath(input: unknown, path: string): unknown {
  const v = walk(input, path.split('.'));
  return v === FALLBACK ? undefined : v;
}

/** Path of a field as a user writes it: letters, digits, _ and $, separated by dots. */
export const FIELD_PATH = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;

/** A copy of `input` with `path` set; the input is left as it was. */
export function withPath(input: unknown, path: string, value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = input && typeof input === 'object' && !Array.isArray(input) ? { ...(input as Record<string, unknown>) } : {};
  setPath(root, path, value);
  return root;
}

/** A zod check for a config field that holds an expression; the error names the field. */
export function expressionCheck(value: string, ctx: { addIssue(issue: { code: 'custom'; message: string }): void }): void {
  const error = expressionError(value);
  if (error) ctx.addIssue({ code: 'custom', message: error });
}
