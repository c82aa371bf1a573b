/** What the engine does with the records a source makes: their labels, and a retry's choice of them. */
import type { Outcome } from './record';

/** A record label is for people to search by: one line, and not a payload. */
const MAX_LABEL = 200;

export function labelText(label: string | undefined): string | undefined {
  if (typeof label !== 'string') return undefined;
  const text = label.trim();
  return text ? text.slice(0, MAX_LABEL) : undefined;
}

/** The outcomes of records with one of these keys; `dropped` is called for each other record made. */
export async function* onlyKeys(outcomes: AsyncIterable<Outcome[]>, keys: ReadonlySet<string>, dropped: () => void): AsyncIterable<Outcome[]> {
  for await (const batch of outcomes) {
    const kept: Outcome[] = [];
    for (const o of batch) {
      if (keys.has(o.rec.key)) kept.push(o);
      else dropped();
    }
    if (kept.length) yield kept;
  }
}
