/**
 * What each writer (a flow's target step) recently sent to one target record, kept in the id
 * ledger's hash column: the hashes of its last few payloads, newest first. A payload the writer sent
 * before is not sent again, so:
 *
 * - two flows that write one target record (an order's customer, and the customers flow) each send
 *   only what is new from their own source, instead of undoing each other on every run;
 * - an older record read again (an order that failed and is retried) does not put back the data a
 *   newer one replaced.
 *
 * A plain hash (from before there were several writers) counts for every writer.
 */
const KEPT = 8;

function byWriter(stored: string | null | undefined): Record<string, string[]> {
  if (!stored?.startsWith('{')) return {};
  try {
    return JSON.parse(stored) as Record<string, string[]>;
  } catch {
    return {};
  }
}

/** The payload hashes this writer sent to the record, newest first. */
export function sentBy(stored: string | null | undefined, writer: string): string[] {
  if (stored && !stored.startsWith('{')) return [stored];
  return byWriter(stored)[writer] ?? [];
}

/**
 * The ledger hash after this writer sent `hash` (newest), or, `asOlder`, only saw it (it goes last:
 * a payload that was not written because another record of the run is kept instead).
 */
export function withSent(stored: string | null | undefined, writer: string, hash: string, asOlder = false): string {
  const all = byWriter(stored);
  const rest = (all[writer] ?? sentBy(stored, writer)).filter((h) => h !== hash);
  const list = asOlder ? [...rest.slice(0, KEPT - 1), hash] : [hash, ...rest].slice(0, KEPT);
  return JSON.stringify({ ...all, [writer]: list });
}

/**
 * Besides the payloads: what the ledger notes about the target record itself (`what`: "total", the
 * amount a document was synced at, synced-total.ts), under a key no writer has. Only in the JSON
 * form: an older plain hash notes nothing.
 */
export function noted(stored: string | null | undefined, what: string): string | undefined {
  return byWriter(stored)[`#${what}`]?.[0];
}

export function withNoted(stored: string | null | undefined, what: string, value: string): string {
  return JSON.stringify({ ...byWriter(stored), [`#${what}`]: [value] });
}
