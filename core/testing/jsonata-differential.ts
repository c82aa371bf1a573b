/**
 * For the tests: runs one expression on one input through the compiled subset and through
 * JSONata, and says how they differ (undefined when they agree or the compiled code bailed).
 * Results are compared strictly: key order, -0 and undefined included, because the datamapper's
 * output is written as JSON and compared byte for byte.
 */
import jsonata from 'jsonata';
import { BAIL, type Compiled } from '../nodes/jsonata-compile';

export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join('\u0000') !== kb.join('\u0000')) return false;
    return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

const show = (v: unknown) => (v === undefined ? 'undefined' : Object.is(v, -0) ? '-0' : JSON.stringify(v));

export interface Verdict {
  bailed: boolean;
  /** Why the compiled answer is wrong, when it is. */
  mismatch?: string;
}

export async function compare(expr: string, compiled: Compiled, input: unknown, bindings: Record<string, unknown>): Promise<Verdict> {
  let fast: unknown;
  try {
    fast = compiled(input, bindings);
  } catch (e) {
    return { bailed: false, mismatch: `${expr} on ${show(input)}: the compiled code threw ${String(e)}` };
  }
  let expected: unknown;
  let error: unknown;
  try {
    expected = await jsonata(expr).evaluate(input, bindings);
  } catch (e) {
    error = e;
  }
  if (fast === BAIL) return { bailed: true };
  if (error !== undefined) return { bailed: false, mismatch: `${expr} on ${show(input)}: JSONata raised ${(error as { message?: string }).message ?? String(error)}, the compiled code answered ${show(fast)} instead of bailing` };
  if (!sameValue(fast, expected)) return { bailed: false, mismatch: `${expr} on ${show(input)}: compiled ${show(fast)}, JSONata ${show(expected)}` };
  return { bailed: false };
}
