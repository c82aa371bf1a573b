/**
 * JSONata's value model, for the compiled subset (jsonata-compile.ts): sequences, the way a field is
 * looked up, truthiness, how a value is written as text, and how a path runs (used by the generated
 * code). The built-in functions are in jsonata-functions.ts. Each does what JSONata 2.2 does, or
 * returns BAIL where JSONata would raise an error; the caller then asks JSONata itself.
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
