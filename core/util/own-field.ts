/**
 * A field named "__proto__" is a field like any other: assigning it would change the object's
 * prototype instead (and lose the value), so it is defined as an own property. For the datamapper
 * (field-path.ts) and the history's stored changes (lineage-compact.ts) alike.
 */
export function putField(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * A shallow copy of a record, for a step to set fields on: what `{ ...o }` makes, own "__proto__"
 * included. Not `{ ...o }` itself: on Node 20 (V8 11) a spread copy's map cannot share transitions,
 * so each field then added to it gives that one object a map of its own. Making it costs about
 * 3 µs instead of 0.7, and every later read of the record (the next step, the history, the
 * target's JSON) misses V8's caches, about 20 times slower; in W1-mapping that was a table
 * look-up's `contact` on every record. `Object.assign` copies into a plain literal, whose maps
 * are shared. It sets rather than defines, so a record with an own "__proto__" (JSON allows one)
 * is still copied by spread.
 */
export function copyFields(o: unknown): Record<string, unknown> {
  return o !== null && typeof o === 'object' && Object.hasOwn(o, '__proto__') ? { ...(o as Record<string, unknown>) } : Object.assign({}, o);
}
