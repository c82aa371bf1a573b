/**
 * The origin marker: how a document Sincro writes into one app says which document of the other app
 * it came from, and how a source reading that app recognises it. This one rule is what keeps a sale
 * from coming back as a new one: sources declare each record's origin (`originOf` on the node type),
 * and the engine never hands a record to a target of the app it came from (core/engine/echo-guard.ts).
 *
 * The marker is text in the field each app has for a foreign reference: a Teamleader invoice's
 * `purchase_order_number`, the bracketed suffix of a Teamleader deal's title (quotations), an
 * MplusKASSA order's `extOrderId` and invoice's `extInvoiceId`. It reads
 * `<App> <document> <id>` (document: order, invoice, quotation or credit note), e.g. "MplusKASSA invoice 09e2d578-b101-11e4-af90-12e3f512a338" or
 * "Teamleader invoice 5c8bba37-66ed-499e-bc84-490ab6b1dc17": unambiguous for every id shape, and
 * readable where the app prints it (Teamleader prints the purchase order number on the invoice).
 *
 * Sincro before this marker wrote the bare id. Those values are still recognised, by shape, where
 * the shape cannot be something else a user typed: 32 hex digits or a dashed UUID in a Teamleader
 * purchase order number (MplusKASSA order / invoice ids), a dashed UUID as an MplusKASSA external id
 * (a Teamleader document id). Lookups for "already synced" search both forms (`markerSearchValues`).
 */
import type { RecordOrigin } from '../../engine/record';
import { appName, appOfName } from '../../util/app-names';

export type { RecordOrigin } from '../../engine/record';

const MARKER_RE = /^\s*(\S+) (order|invoice|quotation|credit note) (\S+)\s*$/i;
const HEX32_RE = /^[0-9a-f]{32}$/i;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The text a target writes: "MplusKASSA order 0a1b…". */
export function originMarker(origin: RecordOrigin): string {
  return `${appName(origin.app)} ${origin.entity} ${origin.id}`;
}

/** A marker written by Sincro, or undefined for any other text. */
export function parseOriginMarker(value: unknown): RecordOrigin | undefined {
  if (typeof value !== 'string') return undefined;
  const m = MARKER_RE.exec(value);
  const app = m ? appOfName(m[1] ?? '') : undefined;
  if (!m || !app) return undefined;
  return { app, entity: (m[2] ?? '').toLowerCase(), id: m[3] ?? '' };
}

/** Where a Teamleader invoice came from, by its purchase order number (marker, or an older Sincro's bare MplusKASSA id). */
export function originOfPurchaseOrderNumber(value: unknown): RecordOrigin | undefined {
  const marked = parseOriginMarker(value);
  if (marked) return marked;
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (HEX32_RE.test(v)) return { app: 'mplus', entity: 'order', id: v };
  // MplusKASSA invoice ids are dashed UUIDs; no Teamleader user types one as a purchase order number.
  if (UUID_RE.test(v)) return { app: 'mplus', entity: 'invoice', id: v };
  return undefined;
}

/** Where an MplusKASSA order or invoice came from, by its extOrderId / extInvoiceId. */
export function originOfExternalId(value: unknown): RecordOrigin | undefined {
  const marked = parseOriginMarker(value);
  if (marked) return marked;
  // An older Sincro wrote the Teamleader document id itself; it did not say whether invoice or quotation.
  if (typeof value === 'string' && UUID_RE.test(value.trim())) return { app: 'teamleader', entity: 'document', id: value.trim() };
  return undefined;
}

/** The bracketed suffix of a Teamleader deal title: "Order 1042 [MplusKASSA order 0a1b…]". */
export function originOfDealTitle(title: unknown): RecordOrigin | undefined {
  if (typeof title !== 'string') return undefined;
  const m = /\[([^\]]+)\]\s*$/.exec(title);
  return m ? originOfPurchaseOrderNumber(m[1]) : undefined;
}

/**
 * The values a lookup of "is this document already in the other app?" searches for: the marker of
 * the record's origin, and the bare id an older Sincro wrote. `key` is the id the flow looks up;
 * the marker only applies when it is the id of the record's origin.
 */
export function markerSearchValues(origin: RecordOrigin | undefined, key: string): string[] {
  return origin && origin.id === key ? [originMarker(origin), key] : [key];
}

/** The first of `values` the app has, by `find` (the marker first, then an older form). */
export async function findFirst<T>(values: string[], find: (value: string) => Promise<T | undefined | null>): Promise<T | undefined> {
  for (const value of values) {
    const found = await find(value);
    if (found) return found;
  }
  return undefined;
}
