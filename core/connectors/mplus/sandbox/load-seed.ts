/**
 * Builds a sandbox store from a parsed seed: first the seed's `state` as it is (what a running
 * sandbox kept, seed-state.ts), then the other records through the same rules the SOAP handlers
 * use, so seeded orders get their totals, VAT groups and markers exactly like created ones.
 */
import { isoToMplusDateTime, mplusDateTimeToIso } from '../convert';
import type { MplusOrder } from '../schemas';
import { insertArticleGroup } from './article-groups';
import { createInvoiceRecord } from './invoices';
import { createOrderRecord } from './orders';
import { insertSeedProduct } from './products';
import { insertEmployee, insertRelation } from './relations';
import type { MplusSeed } from './seed';
import { sandboxMarkerNames, type MplusSeedState } from './seed-state';
import { MplusSandboxStore, type MarkerName } from './store';

/** A seed time without offset is Amsterdam wall-clock time; store it as the client would read it back. */
const normalise = (iso: string | undefined) => (iso === undefined ? undefined : mplusDateTimeToIso(isoToMplusDateTime(iso)));

type SeedDocument = MplusSeed['orders'][number] | MplusSeed['invoices'][number];

function documentOf(doc: SeedDocument): MplusOrder {
  return {
    relationNumber: doc.relationNumber,
    employeeNumber: doc.employeeNumber,
    financialDate: doc.financialDate,
    entryTimestamp: normalise(doc.entryTimestamp),
    reference: doc.reference,
    vatMethod: doc.vatMethod,
    lineList: doc.lines.map((l) => ({
      articleNumber: l.articleNumber,
      ...(l.text !== undefined ? { text: l.text } : {}),
      data: { quantity: l.quantity, price: l.price, priceExcl: l.priceExcl, vatCode: l.vatCode, discountPercentage: l.discountPercentage },
    })),
  };
}

export function storeFromSeed(seed: MplusSeed, now: () => Date): MplusSandboxStore {
  const store = new MplusSandboxStore(now);
  store.branchNumber = seed.branchNumber;
  store.vatGroups = seed.vatGroups.map((v) => ({ branchNumber: seed.branchNumber, countryIso3: v.countryIso3, vatCode: v.vatCode, vatPercentage: v.vatPercentage }));
  store.paymentMethods = seed.paymentMethods.map((p) => ({
    method: p.method,
    description: p.description,
    buttonText: p.buttonText ?? p.description,
    allowNegativeAmount: p.allowNegativeAmount,
    active: true,
    type: 'PAYMENT-METHOD-TYPE-PAYMENT',
  }));
  store.deliveryMethods = seed.deliveryMethods.map((d) => ({ deliveryMethod: d.deliveryMethod, description: d.description, buttonText: d.buttonText ?? d.description, enabled: true }));
  store.turnoverGroups = seed.turnoverGroups.map((t) => ({ turnoverGroupType: 'TURNOVER-GROUP-TYPE-TURNOVER', ...t }));
  if (seed.state) restoreState(store, seed.state);
  for (const e of seed.employees) insertEmployee(store, e);
  for (const g of seed.articleGroups) insertArticleGroup(store, g);
  for (const r of seed.relations) insertRelation(store, r);
  for (const p of seed.products) insertSeedProduct(store, p);
  seed.orders.forEach((o, i) => {
    const order: MplusOrder = { ...documentOf(o), orderId: o.orderId, extOrderId: o.extOrderId, paymentMethod: o.paymentMethod, deliveryMethod: o.deliveryMethod };
    const outcome = createOrderRecord(store, order, o.payments);
    if (!outcome.ok) throw new Error(`mplus.orders[${i}]: ${outcome.message}`);
  });
  seed.invoices.forEach((inv, i) => {
    const outcome = createInvoiceRecord(store, { ...documentOf(inv), invoiceId: inv.invoiceId, extInvoiceId: inv.extInvoiceId, orderIds: inv.orderIds, creditedInvoiceId: inv.creditedInvoiceId, paymentList: inv.payments });
    if (!outcome.ok) throw new Error(`mplus.invoices[${i}]: ${outcome.message}`);
  });
  return store;
}

/** Puts back what a running sandbox kept, unchanged; the markers never end below a record's. */
function restoreState(store: MplusSandboxStore, state: MplusSeedState): void {
  const highest: Record<MarkerName, number> = { ...state.syncMarkers };
  const saw = (marker: MarkerName, value: number | undefined) => (highest[marker] = Math.max(highest[marker], value ?? 0));
  for (const e of state.employees) {
    store.employees.set(e.employeeNumber, e);
    saw('employee', e.syncMarker);
  }
  for (const g of state.articleGroups) {
    store.articleGroups.set(g.groupNumber, { ...g });
    saw('articleGroup', g.syncMarker);
  }
  for (const r of state.relations) {
    store.relations.set(r.relationNumber, r);
    saw('relation', r.syncMarker);
  }
  for (const p of state.products) {
    store.products.set(p.productNumber, p);
    for (const a of p.articleList) {
      store.articleOwner.set(a.articleNumber, p.productNumber);
      saw('article', a.syncMarker);
    }
  }
  for (const s of state.stock) {
    store.stock.set(s.articleNumber, { ...s });
    saw('stockId', s.stockId);
  }
  for (const o of state.orders) {
    store.orders.set(o.orderId, o);
    saw('order', o.syncMarker);
  }
  for (const inv of state.invoices) {
    store.invoices.set(inv.invoiceId, inv);
    saw('invoice', inv.syncMarker);
  }
  for (const u of state.usedExtOrderIds) store.extOrderIds.set(u.extOrderId, u.orderId);
  for (const u of state.usedExtInvoiceIds) store.extInvoiceIds.set(u.extInvoiceId, u.invoiceId);
  for (const i of state.idempotency) store.idempotency.set(i.key, i.response);
  for (const name of sandboxMarkerNames) store.markers[name] = highest[name];
  store.lastOrderNumber = state.lastOrderNumber;
  store.lastInvoiceNumber = state.lastInvoiceNumber;
}
