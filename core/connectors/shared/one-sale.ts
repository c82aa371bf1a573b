/**
 * One sale, one document: a record may be a sale the other app has already, as another document
 * (an invoice made from a deal whose quotation was booked; an invoice made at the till from an
 * order that was sent). The look-ups find those documents; this picks the one that is the same
 * sale, by total, or says why none is.
 */
import { isEmpty } from './lookup-support';

/** The ids a key expression gave: one, or a list; empty ones left out. */
export const listedIds = (key: unknown): string[] => (Array.isArray(key) ? key : [key]).filter((k) => !isEmpty(k)).map((k) => String(k).trim());

const euros = (cents: unknown) => (typeof cents === 'number' && Number.isFinite(cents) ? `€${(cents / 100).toFixed(2)}` : 'no total');

export interface BookedAs<T> {
  /** The id the record named (a quotation, an order). */
  id: string;
  doc: T;
  /** The document's total incl. VAT, in cents. */
  cents: number | undefined;
}

/**
 * Of the documents found, the one with the record's total (`total` in cents; without one to match,
 * the first). None with that total: the message of the failure, naming every total, since the sale
 * is there already for another amount and only a person can tell which is right.
 */
export function sameSale<T>(found: Array<BookedAs<T>>, match: { total: unknown } | undefined, words: { already: string; verb: string; fix: string }): { same: BookedAs<T> } | { error: string } {
  const same = match ? found.find((f) => f.cents === match.total) : found[0];
  if (same) return { same };
  const was = found.map((f) => euros(f.cents)).join(' and ');
  return { error: `${words.already}, for ${was}, and this one is for ${euros(match?.total)}. Sincro does not ${words.verb} one sale twice: make the ${words.fix} match, and the next run skips it` };
}
