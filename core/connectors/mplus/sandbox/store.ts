/**
 * The in-memory state of the MplusKASSA sandbox: records in the client's JS shapes, one syncMarker
 * sequence per entity type, the forever-unique external ids and the idempotency store. Business
 * rules live in catalog.ts and documents.ts; this file only keeps and exposes the data.
 */
import { isoFromInstant } from '../convert';
import type {
  MplusArticle,
  MplusDeliveryMethod,
  MplusEmployee,
  MplusInvoice,
  MplusOrder,
  MplusPaymentMethod,
  MplusProduct,
  MplusRelation,
  MplusTurnoverGroup,
  MplusVatGroup,
} from '../schemas';
import type { JsObject } from '../xml-codec';
import type { PricingCatalog } from './totals';

export type MarkerName = 'article' | 'articleGroup' | 'relation' | 'employee' | 'order' | 'invoice' | 'receipt' | 'stockId';

export interface StoredArticleGroup {
  groupNumber: number;
  /** 0 = top level. */
  parentGroupNumber: number;
  name: string;
  text: string;
  sortOrder: number;
  syncMarker: number;
  isDeleted: boolean;
}

export interface StockRecord {
  articleNumber: number;
  amount: number;
  stockId: number;
  changeTimestamp: string;
}

export const sandboxApiVersion = { majorNumber: 67, minorNumber: 1, revisionNumber: 3 } as const;

export class MplusSandboxStore {
  branchNumber = 1;
  readonly markers: Record<MarkerName, number> = { article: 0, articleGroup: 0, relation: 0, employee: 0, order: 0, invoice: 0, receipt: 0, stockId: 0 };
  readonly relations = new Map<number, MplusRelation>();
  readonly employees = new Map<number, MplusEmployee>();
  readonly products = new Map<number, MplusProduct>();
  /** articleNumber → productNumber */
  readonly articleOwner = new Map<number, number>();
  readonly articleGroups = new Map<number, StoredArticleGroup>();
  readonly orders = new Map<string, MplusOrder>();
  /** extOrderId → orderId; entries are never removed (an extOrderId can never be reused). */
  readonly extOrderIds = new Map<string, string>();
  readonly invoices = new Map<string, MplusInvoice>();
  readonly extInvoiceIds = new Map<string, string>();
  readonly stock = new Map<number, StockRecord>();
  readonly idempotency = new Map<string, JsObject>();
  vatGroups: MplusVatGroup[] = [];
  paymentMethods: MplusPaymentMethod[] = [];
  deliveryMethods: MplusDeliveryMethod[] = [];
  turnoverGroups: MplusTurnoverGroup[] = [];
  /** The last order and invoice numbers handed out (numbers continue across years). */
  lastOrderNumber = 0;
  lastInvoiceNumber = 0;

  constructor(readonly now: () => Date = () => new Date()) {}

  /** Next value of an entity's marker sequence (every create/update takes one). */
  bump(marker: MarkerName): number {
    return ++this.markers[marker];
  }

  nowIso(): string {
    return isoFromInstant(this.now());
  }

  nextOrderNumber(): { year: number; number: number } {
    return { year: this.now().getFullYear(), number: ++this.lastOrderNumber };
  }

  nextInvoiceNumber(): { year: number; number: number } {
    return { year: this.now().getFullYear(), number: ++this.lastInvoiceNumber };
  }

  article(articleNumber: number): MplusArticle | undefined {
    const product = this.products.get(this.articleOwner.get(articleNumber) ?? -1);
    return product?.articleList?.find((a) => a.articleNumber === articleNumber);
  }

  vatPercentage(vatCode: number): number | undefined {
    return this.vatGroups.find((v) => v.vatCode === vatCode)?.vatPercentage;
  }

  get catalog(): PricingCatalog {
    return { article: (n) => this.article(n), vatPercentage: (c) => this.vatPercentage(c) };
  }

  /** Every entity as plain JSON, for `GET /__sandbox/state` and tests. */
  snapshot() {
    const sorted = <T>(m: Map<unknown, T>, key: (t: T) => number) => [...m.values()].sort((a, b) => key(a) - key(b));
    return structuredClone({
      branchNumber: this.branchNumber,
      apiVersion: sandboxApiVersion,
      syncMarkers: { ...this.markers },
      vatGroups: this.vatGroups,
      employees: sorted(this.employees, (e) => e.employeeNumber ?? 0),
      paymentMethods: this.paymentMethods,
      deliveryMethods: this.deliveryMethods,
      turnoverGroups: this.turnoverGroups,
      articleGroups: sorted(this.articleGroups, (g) => g.groupNumber),
      relations: sorted(this.relations, (r) => r.relationNumber ?? 0),
      products: sorted(this.products, (p) => p.productNumber ?? 0),
      stock: sorted(this.stock, (s) => s.articleNumber),
      orders: sorted(this.orders, (o) => o.syncMarker ?? 0),
      invoices: sorted(this.invoices, (i) => i.syncMarker ?? 0),
      usedExtOrderIds: [...this.extOrderIds.keys()],
      idempotencyKeys: [...this.idempotency.keys()],
    });
  }
}

export type MplusSandboxSnapshot = ReturnType<MplusSandboxStore['snapshot']>;
