/**
 * Incremental reads by syncMarker. Every entity type has its own marker sequence; a get… call with
 * `syncMarker = N` returns the items created or changed with marker ≥ N, at most `syncMarkerLimit`
 * of them (for products the limit counts articles and a product is never split).
 *
 * `readChanges` pages through the changes and yields each page with the marker to ask for next; the
 * caller stores that cursor after it has processed the page (this module keeps no state). It stops
 * at the first empty page [INFERRED: the vendor says to call until nothing comes back; a short page
 * is not proof of the end, because product pages are counted in articles].
 */
import { MplusMalformedResponseError } from './errors';
import type {
  GetArticleGroupChangesRequest,
  GetEmployeesRequest,
  GetInvoicesRequest,
  GetOrdersRequest,
  GetProductsRequest,
  GetRelationsRequest,
  MplusChangedArticleGroup,
  MplusEmployee,
  MplusInvoice,
  MplusOrder,
  MplusProduct,
  MplusRelation,
} from './schemas';

/** The reads readChanges needs; MplusClient has them (kept as an interface so client.ts can offer readChanges too). */
export interface MplusChangeReader {
  getRelations(request: GetRelationsRequest): Promise<MplusRelation[]>;
  getProducts(request: GetProductsRequest): Promise<MplusProduct[]>;
  getArticleGroupChanges(request: GetArticleGroupChangesRequest): Promise<MplusChangedArticleGroup[]>;
  getOrders(request: GetOrdersRequest): Promise<MplusOrder[]>;
  getInvoices(request: GetInvoicesRequest): Promise<MplusInvoice[]>;
  getEmployees(request: GetEmployeesRequest): Promise<MplusEmployee[]>;
}

export interface MplusSyncItems {
  relations: MplusRelation;
  products: MplusProduct;
  articleGroups: MplusChangedArticleGroup;
  orders: MplusOrder;
  invoices: MplusInvoice;
  employees: MplusEmployee;
}

export type MplusSyncEntity = keyof MplusSyncItems;

export interface ChangesPage<T> {
  items: T[];
  /** The marker this page was asked from. */
  fromMarker: number;
  /** The highest syncMarker in the page. */
  highestMarker: number;
  /** Store this after processing the page; the next read starts here (highestMarker + 1). */
  nextMarker: number;
}

export interface ReadChangesOptions {
  /** Orders/invoices: false reads headers only (much faster). Default true. */
  includeLineList?: boolean;
}

export async function* readChanges<E extends MplusSyncEntity>(
  client: MplusChangeReader,
  entity: E,
  fromMarker: number,
  pageSize = 250,
  options: ReadChangesOptions = {},
): AsyncGenerator<ChangesPage<MplusSyncItems[E]>, void, undefined> {
  let marker = fromMarker;
  for (;;) {
    const items = (await readPage(client, entity, marker, pageSize, options)) as MplusSyncItems[E][];
    if (items.length === 0) return;
    const highest = Math.max(...items.map((item) => markerOf(entity, item)));
    if (!(highest >= marker)) {
      // Without a marker that moves forward the loop would never end; refuse instead.
      throw new MplusMalformedResponseError(`readChanges(${entity})`, `the answer to syncMarker ${marker} has no item with a marker at or above it`);
    }
    yield { items, fromMarker: marker, highestMarker: highest, nextMarker: highest + 1 };
    marker = highest + 1;
  }
}

function readPage(client: MplusChangeReader, entity: MplusSyncEntity, syncMarker: number, syncMarkerLimit: number, options: ReadChangesOptions): Promise<unknown[]> {
  const window = { syncMarker, syncMarkerLimit };
  const includeLineList = options.includeLineList ?? true;
  switch (entity) {
    case 'relations':
      return client.getRelations(window);
    case 'products':
      return client.getProducts(window);
    case 'articleGroups':
      return client.getArticleGroupChanges(window);
    case 'orders':
      return client.getOrders({ ...window, includeLineList });
    case 'invoices':
      return client.getInvoices({ ...window, includeLineList });
    case 'employees':
      return client.getEmployees(window);
  }
}

/** A product's marker is the highest of its own and its articles' (article changes drive product sync). */
function markerOf(entity: MplusSyncEntity, item: unknown): number {
  const own = (item as { syncMarker?: number }).syncMarker ?? Number.NEGATIVE_INFINITY;
  if (entity !== 'products') return own;
  const articles = (item as MplusProduct).articleList ?? [];
  return Math.max(own, ...articles.map((a) => a.syncMarker ?? Number.NEGATIVE_INFINITY));
}
