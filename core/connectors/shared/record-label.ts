/**
 * A record's label: the human key a person searches the history by (an order number, an email,
 * a SKU), beside the source's own id. Each source says which field it is (`labelOf`).
 */

/** The first of these that is text (or a number) with something in it, trimmed. */
export function firstText(...values: unknown[]): string | undefined {
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
}

/** MplusKASSA numbers documents per year: { year: 2026, number: 17 } is "2026-17". */
export function yearNumber(value: unknown): string | undefined {
  const v = value as { year?: unknown; number?: unknown } | null | undefined;
  return typeof v?.year === 'number' && typeof v.number === 'number' ? `${v.year}-${v.number}` : undefined;
}

/** A field of a record's data, read as a label. */
export const field = (data: unknown, name: string): unknown => (data && typeof data === 'object' ? (data as Record<string, unknown>)[name] : undefined);
