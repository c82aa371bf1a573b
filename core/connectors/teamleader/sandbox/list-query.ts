/**
 * Paging, sorting and `updated_since` for the sandbox's list endpoints, as the blueprint describes
 * them: `page: { size = 20, number = 1 }` (1-based), `sort: [{ field, order = asc }]`,
 * `filter.updated_since` inclusive ([I]: the deals filter says "inclusive").
 */
import { badRequest } from './api-error';

export interface PageRequest {
  size?: number | undefined;
  number?: number | undefined;
}

/** The largest page the sandbox serves. Nothing official exists; third-party clients cap at 100 ([T]). */
export interface PagingRules {
  maxPageSize: number | null;
}

export function pageOf<T>(items: T[], page: PageRequest | undefined, rules: PagingRules): T[] {
  const size = page?.size ?? 20;
  const number = page?.number ?? 1;
  if (rules.maxPageSize !== null && size > rules.maxPageSize) {
    throw badRequest(`page.size must not be more than ${rules.maxPageSize}`, 'page.size');
  }
  return items.slice((number - 1) * size, number * size);
}

export type SortSpec<F extends string> = { field: F; order?: 'asc' | 'desc' | undefined }[];

/**
 * Sorts by the requested fields (then the default ones, then id, so paging is stable). Null values
 * go last in either direction ([I]; e.g. drafts have no invoice number yet).
 */
export function sortItems<T extends { id: string }, F extends string>(
  items: T[],
  sort: SortSpec<F> | undefined,
  defaults: SortSpec<F>,
  key: (item: T, field: F) => string | number | null,
): T[] {
  const spec = [...(sort ?? []), ...defaults];
  return [...items].sort((a, b) => {
    for (const { field, order } of spec) {
      const x = key(a, field);
      const y = key(b, field);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en');
      if (c !== 0) return order === 'desc' ? -c : c;
    }
    return a.id.localeCompare(b.id);
  });
}

export function updatedSince(updatedAt: string, since: string | undefined): boolean {
  if (since === undefined) return true;
  return Date.parse(updatedAt) >= Date.parse(normaliseOffset(since));
}

/** "+0100" → "+01:00", so Date.parse reads every ISO 8601 offset form. */
export function normaliseOffset(value: string): string {
  return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

export function matchesTerm(term: string | undefined, ...values: (string | null | undefined)[]): boolean {
  if (!term) return true;
  const t = term.toLowerCase();
  return values.some((v) => v?.toLowerCase().includes(t));
}
