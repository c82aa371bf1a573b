/** The label of a record read from a field the user chose (a file's or sample's `labelField`). */
import { getPath } from './expressions';

export function labelAt(data: unknown, path: string): string | undefined {
  const v = getPath(data, path);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
