/**
 * The built-in functions of the compiled JSONata subset. Each does what the function of the same
 * name in jsonata 2.2 does, including its signature check (types, an array of one for a value),
 * or returns BAIL where JSONata would raise an error or where a case is not worth copying; the
 * caller then asks JSONata itself.
 */
import { BAIL, toBoolean, toText, type Bail } from './jsonata-values';

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
