/**
 * invoices.* and the invoicing lookups (taxRates, paymentTerms, paymentMethods) of the sandbox.
 *
 * Life cycle ([S]): invoices.draft → (invoices.update while draft) → invoices.book, which gives the
 * number "<year> / <n>" and status `outstanding`; a booked invoice refuses invoices.update.
 */
import { z } from 'zod';
import {
  infoRequest,
  invoiceBookRequest,
  invoiceDraftRequest,
  invoicesListRequest,
  invoiceUpdateRequest,
  paymentMethodsListRequest,
  taxRatesListRequest,
} from '../../schemas-requests';
import { badRequest, validate } from '../api-error';
import { matchesTerm, pageOf, sortItems, updatedSince } from '../list-query';
import { present } from '../render-common';
import { invoiceInfo, invoiceListItem } from '../render-documents';
import type { InvoiceRecord } from '../seed-schema';
import { structuredReference } from '../totals';
import { applyUpdate } from './crm';
import { created, noContent, ok, type Handler, type HandlerContext } from './types';

type DraftLike = {
  invoicee?: z.output<typeof invoiceDraftRequest>['invoicee'] | undefined;
  grouped_lines?: z.output<typeof invoiceDraftRequest>['grouped_lines'] | undefined;
};

/** Everything an invoice (or credit note, credit-notes.ts) refers to must exist; tax rates must belong to its department. */
export function checkInvoiceReferences(ctx: HandlerContext, req: DraftLike, departmentId: string): void {
  const { store } = ctx;
  if (req.invoicee) {
    const { customer, for_attention_of } = req.invoicee;
    if (!store.customerExists(customer)) throw badRequest(`The ${customer.type} ${customer.id} does not exist`, 'invoicee.customer.id');
    if (for_attention_of && 'contact_id' in for_attention_of) {
      store.reference('contacts', for_attention_of.contact_id, 'contact', 'invoicee.for_attention_of.contact_id');
    }
  }
  req.grouped_lines?.forEach((group, g) =>
    group.line_items.forEach((line, l) => {
      const at = `grouped_lines.${g}.line_items.${l}`;
      const rate = store.reference('taxRates', line.tax_rate_id, 'tax rate', `${at}.tax_rate_id`);
      // Tax rates are per department ([S]); using another department's rate is refused here ([I],
      // the safe reading), so flows pick the rates of the department they invoice from.
      if (rate.department_id !== departmentId) {
        throw badRequest(`The tax rate ${line.tax_rate_id} belongs to another department`, `${at}.tax_rate_id`);
      }
      if (line.product_id) store.reference('products', line.product_id, 'product', `${at}.product_id`);
      if (line.product_category_id) store.reference('productCategories', line.product_category_id, 'product category', `${at}.product_category_id`);
    }),
  );
}

/** A "<year> / <n>" number (of an invoice or credit note) as a sort key, so 2026 / 10 comes after 2026 / 9. */
export function documentNumberKey(n: string | null): number | null {
  const m = n ? /^(\d{4}) \/ (\d+)$/.exec(n) : null;
  return m ? Number(m[1]) * 1e7 + Number(m[2]) : null;
}

export const invoicingHandlers: Record<string, Handler> = {
  'taxRates.list': (ctx, body) => {
    const req = validate(taxRatesListRequest, body);
    const dept = req.filter?.department_id;
    const items = ctx.store.state.taxRates.filter((t) => !dept || t.department_id === dept);
    const sorted = sortItems(items, req.sort, [{ field: 'department_id' }, { field: 'rate' }, { field: 'description' }], (t, field) => t[field]);
    return ok({
      data: pageOf(sorted, req.page, ctx.paging).map((t) => ({
        id: t.id,
        description: t.description,
        rate: t.rate,
        department: { type: 'department', id: t.department_id },
      })),
    });
  },

  /**
   * No request fields; `meta.default` names the account's default term. It is a non-nullable string,
   * so a sandbox seeded without payment terms leaves it out (`meta: {}`).
   */
  'paymentTerms.list': (ctx) => {
    const { paymentTerms, defaultPaymentTermId } = ctx.store.state;
    return ok({
      data: paymentTerms.map((p) => ({ id: p.id, type: p.type, ...(p.days !== undefined ? { days: p.days } : {}) })),
      meta: present('default', defaultPaymentTermId ?? paymentTerms[0]?.id),
    });
  },

  'paymentMethods.list': (ctx, body) => {
    const req = validate(paymentMethodsListRequest, body);
    const { ids, status } = req.filter ?? {};
    const items = ctx.store.state.paymentMethods.filter((m) => (!ids || ids.includes(m.id)) && (!status || status.includes(m.status)));
    return ok({ data: pageOf(items, req.page, ctx.paging).map((m) => ({ id: m.id, name: m.name, status: m.status })) });
  },

  'invoices.list': (ctx, body) => {
    const req = validate(invoicesListRequest, body);
    const f = req.filter ?? {};
    const items = ctx.store.state.invoices.filter((inv) => {
      const rendered = () => invoiceListItem(ctx, inv);
      return (
        (!f.ids || f.ids.includes(inv.id)) &&
        (!f.invoice_number || inv.invoice_number === f.invoice_number) &&
        (!f.department_id || inv.department_id === f.department_id) &&
        (!f.deal_id || inv.deal_id === f.deal_id) &&
        (!f.project_id || inv.project_id === f.project_id) &&
        // Subscriptions are not modelled: no sandbox invoice comes from one.
        !f.subscription_id &&
        (!f.status || f.status.includes(inv.status)) &&
        updatedSince(inv.updated_at, f.updated_since) &&
        (!f.purchase_order_number || inv.purchase_order_number === f.purchase_order_number) &&
        (!f.payment_reference || inv.payment_reference === f.payment_reference) &&
        (!f.invoice_date_after || (inv.invoice_date !== null && inv.invoice_date >= f.invoice_date_after)) &&
        (!f.invoice_date_before || (inv.invoice_date !== null && inv.invoice_date <= f.invoice_date_before)) &&
        (!f.customer || (inv.invoicee.customer.type === f.customer.type && inv.invoicee.customer.id === f.customer.id)) &&
        (!f.term || matchesTerm(f.term, inv.invoice_number, inv.purchase_order_number, inv.payment_reference, rendered().invoicee.name))
      );
    });
    const sorted = sortItems(items, req.sort, [{ field: 'invoice_number' }], (inv, field) =>
      field === 'invoice_number' ? documentNumberKey(inv.invoice_number) : inv.invoice_date,
    );
    return ok({ data: pageOf(sorted, req.page, ctx.paging).map((inv) => invoiceListItem(ctx, inv, req.includes)) });
  },

  'invoices.info': (ctx, body) => {
    const req = validate(infoRequest.extend({ includes: z.string().optional() }), body);
    return ok({ data: invoiceInfo(ctx, ctx.store.require('invoices', req.id, 'Invoice'), req.includes) });
  },

  'invoices.draft': (ctx, body) => {
    const req = validate(invoiceDraftRequest, body);
    const department = ctx.store.reference('departments', req.department_id, 'department', 'department_id');
    checkInvoiceReferences(ctx, req, department.id);
    const now = ctx.store.now();
    const record: InvoiceRecord = {
      id: ctx.store.newId(),
      department_id: req.department_id,
      invoicee: req.invoicee,
      payment_term: req.payment_term,
      currency: req.currency ?? { code: department.currency, exchange_rate: 1 },
      project_id: req.project_id ?? null,
      purchase_order_number: req.purchase_order_number ?? null,
      grouped_lines: req.grouped_lines,
      invoice_date: req.invoice_date ?? null,
      discounts: req.discounts ?? [],
      note: req.note ?? null,
      expected_payment_method: req.expected_payment_method ?? null,
      custom_fields: req.custom_fields ?? [],
      document_template_id: req.document_template_id ?? null,
      status: 'draft',
      invoice_number: null,
      paid: false,
      paid_at: null,
      payments: [],
      sent: false,
      payment_reference: null,
      deal_id: null,
      created_at: now,
      updated_at: now,
    };
    ctx.store.insert('invoices', record);
    return created('invoice', record.id);
  },

  'invoices.update': (ctx, body) => {
    const req = validate(invoiceUpdateRequest, body);
    const record = ctx.store.require('invoices', req.id, 'Invoice');
    if (record.status !== 'draft') throw badRequest(`Invoice ${record.invoice_number ?? record.id} is booked; booked invoices cannot be updated`);
    checkInvoiceReferences(ctx, req, record.department_id);
    applyUpdate(record, req, ['grouped_lines', 'discounts', 'custom_fields']);
    record.updated_at = ctx.store.now();
    return noContent();
  },

  'invoices.book': (ctx, body) => {
    const req = validate(invoiceBookRequest, body);
    const record = ctx.store.require('invoices', req.id, 'Invoice');
    if (record.status !== 'draft') throw badRequest(`Invoice ${record.invoice_number ?? record.id} is already booked`);
    if (record.grouped_lines.every((g) => g.line_items.length === 0)) throw badRequest('An invoice without lines cannot be booked', 'grouped_lines');
    // Booking dates the invoice on the booking day ([I]) and numbers it per year and department.
    record.invoice_date = req.on;
    record.invoice_number = ctx.store.nextInvoiceNumber(record.department_id, req.on.slice(0, 4));
    record.payment_reference = structuredReference(Number(req.on.slice(0, 4)) * 1e5 + Number(record.invoice_number.split(' / ')[1]));
    record.status = 'outstanding';
    record.updated_at = ctx.store.now();
    return noContent();
  },
};
