/** How a record's lineage is stored: its run's secrets masked, and capped in size. */

export const LINEAGE_CAP_BYTES = 16 * 1024;
const STEP_VALUE_CAP = 2 * 1024;

export const unmasked = (text: string): string => text;

/** A string masked; an object whose keys show a secret rebuilt with masked keys; anything else as it is. */
function maskValue(v: unknown, mask: (text: string) => string): unknown {
  if (typeof v === 'string') return mask(v);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  return keys.some((k) => mask(k) !== k) ? Object.fromEntries(keys.map((k) => [mask(k), (v as Record<string, unknown>)[k]])) : v;
}

/** Stands for the source's text while the lineage is serialised: always its first value, cut off by length, so any text would do. */
const SOURCE_MARK = '\u0000source';
const MARKED_HEAD = `[{"data":${JSON.stringify(SOURCE_MARK)}`;

/**
 * The lineage as JSON, its first step's data taken as the given text (what the source read) instead
 * of serialised again. The first step is serialised with a mark as its data, and first among its
 * fields, so the mark is the lineage's very first value: one `JSON.stringify` for the whole lineage,
 * and the text put in place of the mark without looking for it.
 */
function withFirstData(trail: unknown, dataJson: string): string {
  if (!Array.isArray(trail) || !trail.length) return JSON.stringify(trail);
  const first = trail[0] as Record<string, unknown> | null;
  if (first === null || typeof first !== 'object' || first['data'] === undefined) return JSON.stringify(trail);
  const marked = trail.slice();
  marked[0] = Object.assign({ data: SOURCE_MARK }, first, { data: SOURCE_MARK });
  return `[{"data":${dataJson}${JSON.stringify(marked).slice(MARKED_HEAD.length)}`;
}

/**
 * Serialises a record's lineage with the run's secrets masked, shortening step payloads when the
 * whole would be too large. Masking works on string values (never across JSON syntax), and only
 * when the serialised text shows a secret at all, so runs without one pay a single regex scan.
 */
export function capLineage(trail: unknown, mask: (text: string) => string = unmasked, firstDataJson?: string): string {
  let full = firstDataJson === undefined ? JSON.stringify(trail) : withFirstData(trail, firstDataJson);
  if (mask(full) !== full) full = JSON.stringify(trail, (_key, v: unknown) => maskValue(v, mask));
  if (full.length <= LINEAGE_CAP_BYTES || !Array.isArray(trail)) return full;
  const steps = JSON.parse(full) as Array<Record<string, unknown>>;
  const shorten = (v: unknown) => {
    if (v === undefined) return undefined;
    const s = JSON.stringify(v);
    return s.length <= STEP_VALUE_CAP ? v : { truncated: true, bytes: s.length, preview: s.slice(0, STEP_VALUE_CAP) };
  };
  const capped = steps.map((step): Record<string, unknown> => ({ ...step, data: shorten(step['data']), set: shorten(step['set']), answer: shorten(step['answer']) }));
  const out = JSON.stringify(capped);
  return out.length <= LINEAGE_CAP_BYTES
    ? out
    : JSON.stringify({ truncated: true, bytes: full.length, steps: capped.map((s) => ({ node: s['node'], port: s['port'], action: s['action'], targetId: s['targetId'], note: s['note'], error: s['error'] })) });
}

