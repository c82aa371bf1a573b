/**
 * A hash of a value that does not depend on key order, so the id ledger can tell whether the
 * payload a target would write now equals what it wrote last time.
 */
import { createHash } from 'node:crypto';

export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

export function stableHash(value: unknown): string {
  return createHash('sha1').update(stableStringify(value)).digest('hex');
}
