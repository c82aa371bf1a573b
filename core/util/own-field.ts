/**
 * A field named "__proto__" is a field like any other: assigning it would change the object's
 * prototype instead (and lose the value), so it is defined as an own property. For the datamapper
 * (field-path.ts) and the history's stored changes (lineage-compact.ts) alike.
 */
export function putField(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
