/** Setting a field by its path, for the datamapper and the code it generates. */
import { copyFields, putField as put } from '../util/own-field';

/** A copy of `value` to set fields on when it is a record (own-field.ts `copyFields`), else a new record. */
export function recordToSet(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? copyFields(value) : {};
}

/** setPath with the path already split at its dots (for a node that sets the same paths often). */
export function setPathParts(target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  let obj = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    const next = p === PROTO ? ownProto(obj) : obj[p];
    const copy = recordToSet(next);
    put(obj, p, copy);
    obj = copy;
  }
  put(obj, parts[parts.length - 1] as string, value);
}

// A field named "__proto__" is an own property (own-field.ts): read it as one.
const PROTO = '__proto__';
const ownProto = (obj: Record<string, unknown>): unknown => (Object.hasOwn(obj, PROTO) ? Object.getOwnPropertyDescriptor(obj, PROTO)?.value : undefined);
