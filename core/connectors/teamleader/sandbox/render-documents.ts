/**
 * Deals, quotations, invoices and credit notes as the blueprint's info and list endpoints return
 * them, with the totals computed by ../document-totals.ts. A property without a value follows
 * render-common.ts: non-nullable text is `""`, other non-nullable properties are left out, nullable
 * ones are `null`.
 */
import type { Money } from '../schemas-common';
import { customFields, includes, present, rel, text, webUrl, type RenderContext } from './render-common';
import type { CreditNoteRecord, DealRecord, InvoiceRecord, QuotationRecord } from './seed-schema';
import { documentTotals, documentTotalsInCents, lineTotals, round2, type PricedLine } from '../document-totals';
import { euros } from '../../shared/money';
import { dueDate } from './totals';

function rateOf(ctx: RenderContext) {
  return (taxRateId: string) => ctx.store.find('taxRates', taxRateId)?.rate ?? 0;
}

const moneyOf = (amount: number, currency: string): Money => ({ amount: round2(amount), currency: currency as Money['currency'] });

type ReadLine = PricedLine & {
  description: string;
  extended_description?: string | null | undefined;
  unit_of_measure_id?: string | null | undefined;
  product_id?: string | undefined;
  product_category_id?: string | undefined;
  withholding_tax_rate_id?: string | undefined;
  purchase_price?: Money | null | undefined;
  periodicity?: unknown;
};

/**
 * `section` is an object whose `title` is a non-nullable string: a group written without a section
 * (optional on write) is read back without one [I], rather than as a section titled "".
 */
function groupedLinesOut(
  ctx: RenderContext,
  groups: { section?: { title: string } | undefined; line_items: ReadLine[] }[],
  currency: string,
  kind: 'invoice' | 'creditNote' | 'quotation',
) {
  const rate = rateOf(ctx);
  return groups.map((g) => ({
    ...present('section', g.section ? { title: g.section.title } : null),
    line_items: g.line_items.map((l) => {
      const t = lineTotals(l, rate(l.tax_rate_id));
      return {
        product: rel('product', l.product_id),
        ...(kind !== 'quotation' ? { product_category: rel('productCategory', l.product_category_id) } : {}),
        quantity: l.quantity,
        description: l.description,
        // Nullable on invoice lines, a plain string on quotation and credit note lines.
        extended_description: kind === 'invoice' ? (l.extended_description ?? null) : text(l.extended_description),
        unit: rel('unitOfMeasure', l.unit_of_measure_id),
        unit_price: { amount: l.unit_price.amount, tax: 'excluding' },
        tax: { type: 'taxRate', id: l.tax_rate_id },
        discount: l.discount ? { type: 'percentage', value: l.discount.value } : null,
        total: {
          tax_exclusive: moneyOf(t.tax_exclusive, currency),
          tax_exclusive_before_discount: moneyOf(t.tax_exclusive_before_discount, currency),
          tax_inclusive: moneyOf(t.tax_inclusive, currency),
          tax_inclusive_before_discount: moneyOf(t.tax_inclusive_before_discount, currency),
        },
        // Credit note lines document neither a withheld tax nor a purchase price.
        ...(kind === 'invoice' ? { withheld_tax: rel('withholding_tax', l.withholding_tax_rate_id) } : {}),
        ...(kind === 'quotation' ? { purchase_price: l.purchase_price ?? null, periodicity: l.periodicity ?? null } : {}),
      };
    }),
  }));
}

/** CommercialDiscount's `description` is a plain string; the write shape lets it be left out. */
function discountsOut(discounts: InvoiceRecord['discounts']) {
  return discounts.map((d) => ({ type: d.type, value: d.value, description: text(d.description) }));
}

function accountCurrency(ctx: RenderContext, departmentId: string | null): string {
  const dept = departmentId ? ctx.store.find('departments', departmentId) : ctx.store.state.departments[0];
  return dept?.currency ?? 'EUR';
}

function exchangeRate(ctx: RenderContext, departmentId: string | null, currency: { code: string; exchange_rate?: number | undefined } | null) {
  const to = accountCurrency(ctx, departmentId);
  return { from: currency?.code ?? to, to, rate: currency?.exchange_rate ?? 1 };
}

/** The invoicee of an invoice or credit note: the customer's name, VAT number and (info) email and national number. */
function invoiceeOf(ctx: RenderContext, invoicee: InvoiceRecord['invoicee'], info: boolean) {
  const { customer } = invoicee;
  let name = '';
  let vat: string | null = null;
  let email: string | null = null;
  let nin: string | null = null;
  if (customer.type === 'company') {
    const c = ctx.store.find('companies', customer.id);
    name = c?.name ?? '';
    vat = c?.vat_number ?? null;
    email = c?.emails.find((e) => e.type === 'invoicing')?.email ?? c?.emails[0]?.email ?? null;
    nin = c?.national_identification_number ?? null;
  } else {
    const c = ctx.store.find('contacts', customer.id);
    name = [c?.first_name, c?.last_name].filter(Boolean).join(' ');
    vat = c?.vat_number ?? null;
    email = c?.emails[0]?.email ?? null;
    nin = c?.national_identification_number ?? null;
  }
  return {
    name,
    vat_number: vat,
    customer: { type: customer.type, id: customer.id },
    ...(info ? { email, national_identification_number: nin } : {}),
  };
}

/** An invoice's invoicee adds `for_attention_of` (a credit note's has none in the blueprint). */
function invoiceInvoiceeOf(ctx: RenderContext, inv: InvoiceRecord, info: boolean) {
  const foa = inv.invoicee.for_attention_of;
  let forAttentionOf: { name: string | null; contact: { type: string; id: string } | null } | null = null;
  if (foa && 'name' in foa) forAttentionOf = { name: foa.name, contact: null };
  if (foa && 'contact_id' in foa) {
    const c = ctx.store.find('contacts', foa.contact_id);
    forAttentionOf = { name: c ? [c.first_name, c.last_name].filter(Boolean).join(' ') : null, contact: { type: 'contact', id: foa.contact_id } };
  }
  const { email, national_identification_number, ...party } = invoiceeOf(ctx, inv.invoicee, info);
  return {
    ...party,
    for_attention_of: forAttentionOf,
    ...(info ? { email, national_identification_number } : {}),
  };
}

/** What a document comes to with VAT, in cents (its `payable`: the sandbox models no withheld taxes). */
export function payableCents(ctx: RenderContext, doc: { grouped_lines: { line_items: PricedLine[] }[]; discounts: { value: number }[] }): number {
  const t = documentTotalsInCents(doc.grouped_lines, doc.discounts, rateOf(ctx));
  return t.excl + t.tax;
}

/** What the credit notes of an invoice credited together (the sum of their `payable`), in cents. */
export function creditedCents(ctx: RenderContext, invoiceId: string): number {
  return ctx.store.state.creditNotes.filter((cn) => cn.invoice_id === invoiceId).reduce((sum, cn) => sum + payableCents(ctx, cn), 0);
}

/**
 * `due` = payable − payments − what the invoice's credit notes credited ([S] "the credit note
 * reduces the due amount of the credited invoice"). A fully credited invoice keeps its status and
 * `paid` flag: whether Teamleader then marks it matched or paid is not documented [I], so nothing
 * but `due` changes.
 */
function invoiceTotals(ctx: RenderContext, inv: InvoiceRecord, include: string | undefined, info: boolean) {
  const currency = inv.currency?.code ?? accountCurrency(ctx, inv.department_id);
  const t = documentTotals(inv.grouped_lines, inv.discounts, rateOf(ctx));
  const paid = inv.payments.reduce((s, p) => s + p.payment.amount, 0);
  const credited = euros(creditedCents(ctx, inv.id));
  const due = inv.status === 'draft' ? t.tax_inclusive : Math.max(0, t.tax_inclusive - paid - credited);
  return {
    tax_exclusive: moneyOf(t.tax_exclusive, currency),
    ...(info ? { tax_exclusive_before_discount: moneyOf(t.tax_exclusive_before_discount, currency) } : {}),
    tax_inclusive: moneyOf(t.tax_inclusive, currency),
    ...(info ? { tax_inclusive_before_discount: moneyOf(t.tax_inclusive_before_discount, currency) } : {}),
    payable: moneyOf(t.tax_inclusive, currency),
    taxes: t.taxes.map((x) => ({ rate: x.rate, taxable: moneyOf(x.taxable, currency), tax: moneyOf(x.tax, currency) })),
    ...(info ? { withheld_taxes: [] } : {}),
    due: moneyOf(due, currency),
    // Late fees are not modelled: nothing is ever late in the sandbox.
    ...(includes(include, 'late_fees')
      ? { due_incasso_inclusive: moneyOf(due, currency), fixed_late_fee: moneyOf(0, currency), interest: moneyOf(0, currency) }
      : {}),
  };
}

function invoiceCommon(ctx: RenderContext, inv: InvoiceRecord, include: string | undefined, info: boolean) {
  return {
    id: inv.id,
    department: { type: 'department', id: inv.department_id },
    invoice_number: inv.invoice_number,
    invoice_date: inv.invoice_date,
    status: inv.status,
    due_on: inv.invoice_date && inv.status !== 'draft' ? dueDate(inv.invoice_date, inv.payment_term) : null,
    paid: inv.paid,
    paid_at: inv.paid_at,
    sent: inv.sent,
    purchase_order_number: inv.purchase_order_number,
    payment_reference: inv.payment_reference,
    invoicee: invoiceInvoiceeOf(ctx, inv, info),
    total: invoiceTotals(ctx, inv, include, info),
    currency_exchange_rate: exchangeRate(ctx, inv.department_id, inv.currency),
    created_at: inv.created_at,
    updated_at: inv.updated_at,
    web_url: webUrl(ctx, 'invoice_detail.php', inv.id),
    file: null,
    deal: rel('deal', inv.deal_id),
    project: rel('project', inv.project_id),
  };
}

export function invoiceListItem(ctx: RenderContext, inv: InvoiceRecord, include?: string) {
  return invoiceCommon(ctx, inv, include, false);
}

export function invoiceInfo(ctx: RenderContext, inv: InvoiceRecord, include?: string) {
  const currency = inv.currency?.code ?? accountCurrency(ctx, inv.department_id);
  return {
    ...invoiceCommon(ctx, inv, include, true),
    discounts: discountsOut(inv.discounts),
    grouped_lines: groupedLinesOut(ctx, inv.grouped_lines, currency, 'invoice'),
    payment_term: inv.payment_term,
    payments: inv.payments,
    note: inv.note,
    currency,
    expected_payment_method: inv.expected_payment_method,
    on_hold_since: null,
    custom_fields: customFields(inv.custom_fields),
    // Teamleader gives every invoice its department's default template; the sandbox models no
    // templates, so an invoice drafted without one has none to show [I].
    ...present('document_template', rel('documentTemplate', inv.document_template_id)),
  };
}

/** creditNotes.list and .info share these; the totals are an invoice's without `due`. */
function creditNoteCommon(ctx: RenderContext, cn: CreditNoteRecord, info: boolean) {
  const currency = cn.currency?.code ?? accountCurrency(ctx, cn.department_id);
  const t = documentTotals(cn.grouped_lines, cn.discounts, rateOf(ctx));
  return {
    id: cn.id,
    department: { type: 'department', id: cn.department_id },
    credit_note_number: cn.credit_note_number,
    credit_note_date: cn.credit_note_date,
    status: cn.status,
    invoice: rel('invoice', cn.invoice_id),
    paid: cn.paid,
    paid_at: cn.paid_at,
    invoicee: invoiceeOf(ctx, cn.invoicee, info),
    total: {
      tax_exclusive: moneyOf(t.tax_exclusive, currency),
      tax_inclusive: moneyOf(t.tax_inclusive, currency),
      payable: moneyOf(t.tax_inclusive, currency),
      taxes: t.taxes.map((x) => ({ rate: x.rate, taxable: moneyOf(x.taxable, currency), tax: moneyOf(x.tax, currency) })),
    },
    created_at: cn.created_at,
    updated_at: cn.updated_at,
  };
}

export function creditNoteListItem(ctx: RenderContext, cn: CreditNoteRecord) {
  return creditNoteCommon(ctx, cn, false);
}

/** creditNotes.info: always an object, although the blueprint shows an array (a documentation slip [I]). */
export function creditNoteInfo(ctx: RenderContext, cn: CreditNoteRecord) {
  const currency = cn.currency?.code ?? accountCurrency(ctx, cn.department_id);
  return {
    ...creditNoteCommon(ctx, cn, true),
    discounts: discountsOut(cn.discounts),
    grouped_lines: groupedLinesOut(ctx, cn.grouped_lines, currency, 'creditNote'),
    currency,
    currency_exchange_rate: exchangeRate(ctx, cn.department_id, cn.currency),
    // As for invoices: no template the sandbox knows of, no property [I].
    ...present('document_template', rel('documentTemplate', cn.document_template_id)),
  };
}

/**
 * Only `summary`, `purchase_order_number` and `lost_reason` are nullable in a deal; every other
 * property without a value is left out: the relations, the estimates (Money, a date, a number) and
 * `closed_at` of a deal still open. `weighted_value` is there when `estimated_value` is.
 */
function dealCommon(ctx: RenderContext, d: DealRecord) {
  const pipeline = ctx.store.state.dealPipelines.find((p) => p.phases.some((ph) => ph.id === d.phase_id));
  const value = d.estimated_value;
  return {
    id: d.id,
    title: d.title,
    summary: d.summary,
    reference: d.reference,
    status: d.status,
    lead: { customer: d.lead.customer, ...present('contact_person', rel('contact', d.lead.contact_person_id)) },
    ...present('department', rel('department', d.department_id)),
    ...present('estimated_value', value),
    ...present('estimated_closing_date', d.estimated_closing_date),
    ...present('estimated_probability', d.estimated_probability),
    ...present('weighted_value', value ? moneyOf(value.amount * (d.estimated_probability ?? 0), value.currency) : null),
    purchase_order_number: d.purchase_order_number,
    ...present('current_phase', rel('dealPhase', d.phase_id)),
    ...present('responsible_user', rel('user', d.responsible_user_id)),
    ...present('closed_at', d.closed_at),
    ...present('source', rel('dealSource', d.source_id)),
    lost_reason: null,
    created_at: d.created_at,
    updated_at: d.updated_at,
    web_url: webUrl(ctx, 'sale_detail.php', d.id),
    currency_exchange_rate: exchangeRate(ctx, d.department_id, d.currency),
    ...present('pipeline', rel('dealPipeline', pipeline?.id)),
  };
}

export function dealInfo(ctx: RenderContext, d: DealRecord) {
  return {
    ...dealCommon(ctx, d),
    phase_history: d.phase_id ? [{ phase: { type: 'dealPhase', id: d.phase_id }, started_at: d.created_at, started_by: rel('user', d.responsible_user_id ?? ctx.store.state.users[0]?.id) }] : [],
    quotations: ctx.store.state.quotations.filter((q) => q.deal_id === d.id).map((q) => ({ type: 'quotation', id: q.id })),
    custom_fields: customFields(d.custom_fields),
  };
}

/** deals.list: the info fields without phase history and quotations; custom fields only when asked for. */
export function dealListItem(ctx: RenderContext, d: DealRecord, include?: string) {
  return { ...dealCommon(ctx, d), ...(includes(include, 'custom_fields') ? { custom_fields: customFields(d.custom_fields) } : {}) };
}

function quotationCommon(ctx: RenderContext, q: QuotationRecord) {
  const deal = ctx.store.find('deals', q.deal_id);
  const departmentId = deal?.department_id ?? null;
  const currency = q.currency?.code ?? accountCurrency(ctx, departmentId);
  const t = documentTotals(q.grouped_lines, q.discounts, rateOf(ctx));
  const purchase = q.grouped_lines.flatMap((g) => g.line_items).filter((l) => l.purchase_price);
  return {
    currency,
    common: {
      id: q.id,
      deal: { type: 'deal', id: q.deal_id },
      currency_exchange_rate: exchangeRate(ctx, departmentId, q.currency),
      total: {
        tax_exclusive: moneyOf(t.tax_exclusive, currency),
        tax_inclusive: moneyOf(t.tax_inclusive, currency),
        taxes: t.taxes.map((x) => ({ rate: x.rate, taxable: moneyOf(x.taxable, currency), tax: moneyOf(x.tax, currency) })),
        purchase_price: purchase.length
          ? moneyOf(purchase.reduce((s, l) => s + (l.purchase_price?.amount ?? 0) * l.quantity, 0), currency)
          : null,
      },
      created_at: q.created_at,
      updated_at: q.updated_at,
      status: q.status,
      name: q.name ?? deal?.title ?? '',
    },
  };
}

/** `expires_after` is a non-nullable date: a quotation that never expires has none. */
function expiryOf(q: QuotationRecord, include: string | undefined) {
  return includes(include, 'expiry') && q.expiry
    ? { expiry: { ...present('expires_after', q.expiry.expires_after), action_after_expiry: q.expiry.action_after_expiry } }
    : {};
}

export function quotationInfo(ctx: RenderContext, q: QuotationRecord, include?: string) {
  const { currency, common } = quotationCommon(ctx, q);
  return {
    ...common,
    grouped_lines: groupedLinesOut(ctx, q.grouped_lines, currency, 'quotation'),
    currency,
    discounts: discountsOut(q.discounts),
    // As for invoices: no template the sandbox knows of, no property [I].
    ...present('document_template', rel('documentTemplate', q.document_template_id)),
    text: q.text,
    ...expiryOf(q, include),
  };
}

/** quotations.list: totals and status without the lines (quotations.info has those). */
export function quotationListItem(ctx: RenderContext, q: QuotationRecord, include?: string) {
  return { ...quotationCommon(ctx, q).common, ...expiryOf(q, include) };
}
