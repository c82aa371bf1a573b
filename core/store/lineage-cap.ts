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

/**
 * Steps whose data the store has as text already, so it is not serialised again: the first step's
 * (what the source read) and the last step's that carries data (what the target wrote, when it
 * wrote JSON). Each is given only when it is the text of that very object.
 */
export interface DataTexts {
  first?: string;
  last?: string;
}

const hasData = (step: unknown): step is Record<string, unknown> => step !== null && typeof step === 'object' && (step as { data?: unknown }).data !== undefined;

/** The lineage as JSON, the data of the steps `texts` names taken as their text. */
function withDataTexts(trail: unknown, texts: DataTexts): string {
  if (!Array.isArray(trail) || !trail.length) return JSON.stringify(trail);
  const spliced: Array<[number, string]> = [];
  if (texts.first !== undefined && hasData(trail[0])) spliced.push([0, texts.first]);
  if (texts.last !== undefined) {
    let i = trail.length - 1;
    while (i > 0 && !hasData(trail[i])) i--;
    if (i > 0) spliced.push([i, texts.last]);
  }
  if (!spliced.length) return JSON.stringify(trail);
  let out = '[';
  let from = 0;
  for (const [i, text] of spliced) {
    if (i > from) out += `${JSON.stringify(trail.slice(from, i)).slice(1, -1)},`;
    const { data: _data, ...head } = trail[i] as Record<string, unknown>;
    const headJson = JSON.stringify(head);
    // The step's other fields, then its data as text: {"node":…,"port":…,"data":<the text>}.
    out += `${headJson.slice(0, -1)}${headJson.length > 2 ? ',' : ''}"data":${text}}`;
    from = i + 1;
    if (from < trail.length) out += ',';
  }
  if (from < trail.length) out += JSON.stringify(trail.slice(from)).slice(1, -1);
  return `${out}]`;
}

/**
 * Serialises a record's lineage with the run's secrets masked, shortening step payloads when the
 * whole would be too large. Masking works on string values (never across JSON syntax), and only
 * when the serialised text shows a secret at all, so runs without one pay a single regex scan.
 */
export function capLineage(trail: unknown, mask: (text: string) => string = unmasked, texts: DataTexts = {}): string {
  let full = withDataTexts(trail, texts);
  if (mask(full) !== full) full = JSON.stringify(trail, (_key, v: unknown) => maskValue(v, mask));
  if (full.length <= LINEAGE_CAP_BYTES || !Array.isArray(trail)) return full;
  const steps = JSON.parse(full) as Array<Record<string, unknown>>;
  const shorten = (v: unknown) => {
    if (v === undefined) return undefined;
    const s = JSON.stringify(v);
    return s.length <= STEP_VALUE_CAP ? v : { truncated: true, bytes: s.length, preview: s.slice(0, STEP_VALUE_CAP) };
  };
  const capped = steps.map((step): Record<string, unknown> => {
    const fromNext = step['fromNext'] as { set?: unknown } | undefined;
    return { ...step, data: shorten(step['data']), set: shorten(step['set']), answer: shorten(step['answer']), ...(fromNext ? { fromNext: { ...fromNext, set: shorten(fromNext.set) } } : {}) };
  });
  const out = JSON.stringify(capped);
  return out.length <= LINEAGE_CAP_BYTES
    ? out
    : JSON.stringify({ truncated: true, bytes: full.length, steps: capped.map((s) => ({ node: s['node'], port: s['port'], action: s['action'], targetId: s['targetId'], note: s['note'], error: s['error'] })) });
}

