/**
 * The other way round from load-seed.ts: a seed that loads into a store equal to this one, markers,
 * counters, used external ids and idempotency answers included. The settings (VAT groups, methods,
 * turnover groups) go where a hand-written seed has them; every record goes into `state`, because
 * only there does the loader keep a record exactly as it is.
 */
import type { MplusSeed } from './seed';
import type { MplusSeedState } from './seed-state';
import type { MplusSandboxStore } from './store';

const byNumber = <T>(items: Iterable<T>, key: (t: T) => number) => [...items].sort((a, b) => key(a) - key(b));

export function seedFromStore(store: MplusSandboxStore): MplusSeed {
  const state: MplusSeedState = {
    syncMarkers: { ...store.markers },
    lastOrderNumber: store.lastOrderNumber,
    lastInvoiceNumber: store.lastInvoiceNumber,
    employees: byNumber(store.employees.values(), (e) => e.employeeNumber ?? 0).map((e) => ({ ...e, employeeNumber: e.employeeNumber ?? 0 })),
    articleGroups: byNumber(store.articleGroups.values(), (g) => g.groupNumber),
    relations: byNumber(store.relations.values(), (r) => r.relationNumber ?? 0).map((r) => ({ ...r, relationNumber: r.relationNumber ?? 0 })),
    products: byNumber(store.products.values(), (p) => p.productNumber ?? 0).map((p) => ({
      ...p,
      productNumber: p.productNumber ?? 0,
      articleList: (p.articleList ?? []).map((a) => ({ ...a, articleNumber: a.articleNumber ?? 0 })),
    })),
    stock: byNumber(store.stock.values(), (s) => s.articleNumber),
    orders: byNumber(store.orders.values(), (o) => o.syncMarker ?? 0).map((o) => ({ ...o, orderId: o.orderId ?? '' })),
    invoices: byNumber(store.invoices.values(), (i) => i.syncMarker ?? 0).map((i) => ({ ...i, invoiceId: i.invoiceId ?? '' })),
    usedExtOrderIds: [...store.extOrderIds].map(([extOrderId, orderId]) => ({ extOrderId, orderId })),
    usedExtInvoiceIds: [...store.extInvoiceIds].map(([extInvoiceId, invoiceId]) => ({ extInvoiceId, invoiceId })),
    idempotency: [...store.idempotency].map(([key, response]) => ({ key, response })),
  };
  return structuredClone({
    branchNumber: store.branchNumber,
    vatGroups: store.vatGroups.map((v) => ({ vatCode: v.vatCode, vatPercentage: v.vatPercentage, countryIso3: v.countryIso3 ?? 'NLD' })),
    employees: [],
    paymentMethods: store.paymentMethods.map((p) => ({ method: p.method, description: p.description, buttonText: p.buttonText, allowNegativeAmount: p.allowNegativeAmount })),
    deliveryMethods: store.deliveryMethods.map((d) => ({ deliveryMethod: d.deliveryMethod, description: d.description, buttonText: d.buttonText })),
    turnoverGroups: store.turnoverGroups.map((t) => ({
      turnoverGroup: t.turnoverGroup,
      turnoverGroupName: t.turnoverGroupName,
      ...(t.accountNumber !== undefined ? { accountNumber: t.accountNumber } : {}),
      ...(t.defaultVatCode !== undefined ? { defaultVatCode: t.defaultVatCode } : {}),
    })),
    articleGroups: [],
    relations: [],
    products: [],
    orders: [],
    invoices: [],
    state,
  });
}
