/**
 * JSONata's value model, for the compiled subset (jsonata-compile.ts): sequences, the way a field is
 * looked up, truthiness, how a value is written as text, and the built-in functions the subset
 * covers. Each function here does what the one of the same name in jsonata 2.2 does, including its
 * signature check, or returns BAIL where JSONata would raise an error or where the case is not
 * worth copying; the caller then asks JSONata itself.
 */

export const BAIL: unique symbol = Symbol('bail');
export type Bail = typeof BAIL;

/** A JSONata result sequence: an array JSONata may flatten or unwrap (marked as JSONata marks it). */
export type Seq = unknown[] & { sequence: true };

export function seq(): Seq {
  const s = [] as unknown as Seq;
  s.sequence = true;
  return s;
}

export const isSeq = (v: unknown): v is Seq => Array.isArray(v) && (v as Partial<Seq>).sequence === true;

/** What JSONata does to every result: an empty sequence is nothing, a sequence of one its item. */
export function collapse(v: unknown): unknown {
  if (!isSeq(v)) return v;
  return v.length === 0 ? undefined : v.length === 1 ? v[0] : v;
}

export const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

export function isFunction(v: unknown): boolean {
  if (typeof v === 'function') return true;
  if (typeof v !== 'object' || v === null) return false;
  const f = v as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return f._jsonata_function === true || f._jsonata_lambda === true;
}

/** A field of a value: own properties only; over an array, the field of each item, flattened. */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const out = seq();
    for (const item of input) {
      const v = lookup(item, key);
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) out.push(x);
      else out.push(v);
    }
    return out;
  }
  if (input !== null && typeof input === 'object' && hasOwn(input, key) && !isFunction(input)) return (input as Record<string, unknown>)[key];
  return undefined;
}

/** $boolean: JSONata's truthiness (undefined stays undefined). */
export function toBoolean(v: unknown): boolean | undefined | Bail {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 1) return toBoolean(v[0]);
    let any = false;
    for (const item of v) {
      const b = toBoolean(item);
      if (b === BAIL) return BAIL;
      any ||= b === true;
    }
    return any;
  }
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return Number.isNaN(v) ? false : Number.isFinite(v) ? v !== 0 : BAIL;
  if (typeof v === 'boolean') return v;
  if (v !== null && typeof v === 'object' && !isFunction(v)) return Object.keys(v).length > 0;
  return false;
}

class NotFinite extends Error {}

/** Numbers are written with 15 significant digits, as JSONata does. */
function writeNumber(_key: string, v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return v;
    if (!Number.isFinite(v)) throw new NotFinite();
    return Number.isInteger(v) ? v : Number(v.toPrecision(15));
  }
  return v && isFunction(v) ? '' : v;
}

/** $string and the operands of `&`. */
export function toText(v: unknown): string | undefined | Bail {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (isFunction(v)) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return BAIL;
    return JSON.stringify(Number.isInteger(v) ? v : Number(v.toPrecision(15)));
  }
  try {
    return JSON.stringify(v, writeNumber);
  } catch (e) {
    if (e instanceof NotFinite) return BAIL;
    throw e;
  }
}

// One character per code point, as JSONata counts them; plain strings take the short way.
const SURROGATE = /[\uD800-\uDFFF]/;

function substring(s: string, start: number, length: number | undefined): string {
  if (!SURROGATE.test(s)) {
    let from = start;
    if (s.length + from < 0) from = 0;
    if (length === undefined) return s.slice(from);
    if (length <= 0) return '';
    return s.slice(from, from >= 0 ? from + length : s.length + from + length);
  }
  const chars = Array.from(s);
  let from = start;
  if (chars.length + from < 0) from = 0;
  if (length === undefined) return chars.slice(from).join('');
  if (length <= 0) return '';
  return chars.slice(from, from >= 0 ? from + length : chars.length + from + length).join('');
}

/** $round: half to even, optionally at a number of decimals (JSONata's algorithm, copied). */
function round(arg: number, precision: number | undefined): number {
  let value = arg;
  if (precision) {
    const parts = value.toString().split('e');
    value = +`${parts[0]}e${parts[1] ? +parts[1] + precision : precision}`;
  }
  let result = Math.round(value);
  if (Math.abs(result - value) === 0.5 && Math.abs(result % 2) === 1) result -= 1;
  if (precision) {
    const parts = result.toString().split('e');
    result = +`${parts[0]}e${parts[1] ? +parts[1] - precision : -precision}`;
  }
  return Object.is(result, -0) ? 0 : result;
}

const NUMBER_TEXT = /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;

function toNumber(v: unknown): number | undefined | Bail {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && NUMBER_TEXT.test(v)) {
    const n = parseFloat(v);
    return Number.isFinite(n) && Number.isFinite(Number(v)) ? n : BAIL;
  }
  return BAIL; // hexadecimal and the like, or an error: JSONata decides
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optNum = (v: unknown) => v === undefined || isNum(v);
const optStr = (v: unknown) => v === undefined || typeof v === 'string';

/** The argument of a signature `a<t>`: a value is an array of one, every item of type t. */
function arrayOf(v: unknown, check: (x: unknown) => boolean): unknown[] | undefined | Bail {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.every(check) ? list : BAIL;
}

type Fun = (a?: unknown, b?: unknown, c?: unknown) => unknown;

/** $max, $min, $average: nothing for nothing or an empty list, else `f` of the numbers. */
function numbersThen(v: unknown, f: (list: number[]) => number): unknown {
  const list = arrayOf(v, isNum);
  if (list === BAIL || list === undefined || list.length === 0) return list === BAIL ? BAIL : undefined;
  return f(list as number[]);
}

/** The built-in functions of the subset, by name, with the argument counts they accept here. */
export const FUNCTIONS: Record<string, { arity: [number, number]; fn: Fun }> = {
  sum: {
    arity: [1, 1],
    fn: (v) => {
      const list = arrayOf(v, isNum);
      if (list === BAIL || list === undefined) return list;
      let total = 0;
      for (const x of list as number[]) total += x;
      return total;
    },
  },
  max: { arity: [1, 1], fn: (v) => numbersThen(v, (l) => Math.max(...l)) },
  min: { arity: [1, 1], fn: (v) => numbersThen(v, (l) => Math.min(...l)) },
  average: {
    arity: [1, 1],
    fn: (v) =>
      numbersThen(v, (l) => {
        let total = 0;
        for (const x of l) total += x;
        return total / l.length;
      }),
  },
  count: { arity: [1, 1], fn: (v) => (v === undefined ? 0 : Array.isArray(v) ? v.length : 1) },
  exists: { arity: [1, 1], fn: (v) => v !== undefined },
  string: { arity: [1, 1], fn: (v) => toText(v) },
  number: { arity: [1, 1], fn: (v) => toNumber(v) },
  boolean: { arity: [1, 1], fn: (v) => toBoolean(v) },
  not: {
    arity: [1, 1],
    fn: (v) => {
      const b = toBoolean(v);
      return b === BAIL || b === undefined ? b : !b;
    },
  },
  round: { arity: [1, 2], fn: (v, p) => (optNum(v) && optNum(p) ? (v === undefined ? undefined : round(v as number, p as number | undefined)) : BAIL) },
  floor: { arity: [1, 1], fn: (v) => (v === undefined ? undefined : isNum(v) ? Math.floor(v) : BAIL) },
  ceil: { arity: [1, 1], fn: (v) => (v === undefined ? undefined : isNum(v) ? Math.ceil(v) : BAIL) },
  abs: { arity: [1, 1], fn: (v) => (v === undefined ? undefined : isNum(v) ? Math.abs(v) : BAIL) },
  uppercase: { arity: [1, 1], fn: (v) => (optStr(v) ? (v as string | undefined)?.toUpperCase() : BAIL) },
  lowercase: { arity: [1, 1], fn: (v) => (optStr(v) ? (v as string | undefined)?.toLowerCase() : BAIL) },
  length: { arity: [1, 1], fn: (v) => (v === undefined ? undefined : typeof v !== 'string' ? BAIL : SURROGATE.test(v) ? Array.from(v).length : v.length) },
  trim: {
    arity: [1, 1],
    fn: (v) => {
      if (v === undefined) return undefined;
      if (typeof v !== 'string') return BAIL;
      let r = v.replace(/[ \t\n\r]+/gm, ' ');
      if (r.charAt(0) === ' ') r = r.substring(1);
      if (r.charAt(r.length - 1) === ' ') r = r.substring(0, r.length - 1);
      return r;
    },
  },
  substring: {
    arity: [2, 3],
    fn: (s, start, length) => {
      if (!optStr(s) || !isNum(start) || !optNum(length)) return BAIL;
      return s === undefined ? undefined : substring(s as string, start, length as number | undefined);
    },
  },
  substringBefore: {
    arity: [2, 2],
    fn: (s, chars) => {
      if (!optStr(s) || typeof chars !== 'string') return BAIL;
      if (s === undefined) return undefined;
      const pos = (s as string).indexOf(chars);
      return pos > -1 ? (s as string).substring(0, pos) : s;
    },
  },
  substringAfter: {
    arity: [2, 2],
    fn: (s, chars) => {
      if (!optStr(s) || typeof chars !== 'string') return BAIL;
      if (s === undefined) return undefined;
      const pos = (s as string).indexOf(chars);
      return pos > -1 ? (s as string).substring(pos + chars.length) : s;
    },
  },
  join: {
    arity: [1, 2],
    fn: (v, sep) => {
      const list = arrayOf(v, (x) => typeof x === 'string');
      if (list === BAIL || !optStr(sep)) return BAIL;
      return list === undefined ? undefined : list.join((sep as string | undefined) ?? '');
    },
  },
};

// Paths, as JSONata's evaluatePath / evaluateStep run them (used by the generated code).

/** A path step that reads a field: over an array item, the field of each of its items. */
export function stepName(item: unknown, key: string): unknown {
  return Array.isArray(item) ? collapse(lookup(item, key)) : lookup(item, key);
}

/** The results of a step, as the sequence the next step runs on: arrays are spliced in. */
export function flatten(found: unknown[]): Seq {
  let arrays = false;
  for (const r of found) {
    if (Array.isArray(r)) {
      arrays = true;
      break;
    }
  }
  if (!arrays) {
    (found as Seq).sequence = true;
    return found as Seq;
  }
  const out = seq();
  for (const r of found) {
    if (Array.isArray(r)) for (const x of r) out.push(x);
    else out.push(r);
  }
  return out;
}

/** The items the next step of a path runs on: arrays among the results are spliced in. */
export function splice(found: unknown[]): unknown[] {
  for (const r of found) {
    if (!Array.isArray(r)) continue;
    const out: unknown[] = [];
    for (const x of found) {
      if (Array.isArray(x)) for (const y of x) out.push(y);
      else out.push(x);
    }
    return out;
  }
  return found;
}

/** The last step of a path: exactly one array from the data is the result itself. */
export function lastStep(found: unknown[]): unknown[] {
  return found.length === 1 && Array.isArray(found[0]) && !isSeq(found[0]) ? found[0] : flatten(found);
}

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
