/** Setting a field by its path, for the datamapper and the code it generates. */

/** setPath with the path already split at its dots (for a node that sets the same paths often). */
export function setPathParts(target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  let obj = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    const next = obj[p];
    const copy: Record<string, unknown> = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    obj[p] = copy;
    obj = copy;
  }
  obj[parts[parts.length - 1] as string] = value;
}
