/** Setting a field by its path, for the datamapper and the code it generates. */

/** setPath with the path already split at its dots (for a node that sets the same paths often). */
export function setPathParts(target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
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
