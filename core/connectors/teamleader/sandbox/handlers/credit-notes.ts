/**
 * creditNotes.* and the invoices.credit / invoices.creditPartially that make them.
 *
 * There is no direct create ([S]): a credit note credits a booked invoice, completely (a copy of its
 * lines and discounts) or partially (the lines given, checked like invoices.draft's). It is `booked`
 * at once, numbered "<year> / <n>" per department and year (store.ts), and lowers the invoice's
 * `total.due` (render-documents.ts).
 */
import { creditNotesListRequest, infoRequest, invoiceCreditPartiallyRequest, invoiceCreditRequest } from '../../schemas-requests';
import { badRequest, validate } from '../api-error';
import { pageOf, sortItems, updatedSince } from '../list-query';
import { creditedCents, creditNoteInfo, creditNoteListItem, payableCents } from '../render-documents';
import type { CreditNoteRecord, InvoiceRecord } from '../seed-schema';
import type { SandboxStore } from '../store';
import { euros } from '../../../shared/money';
import { checkInvoiceReferences, documentNumberKey } from './invoicing';
import { created, ok, type Handler, type HandlerContext } from './types';

type CreditedPart = Pick<CreditNoteRecord, 'grouped_lines' | 'discounts'>;

/** The invoice credited: it must exist (404) and be booked. */
function creditableInvoice(store: SandboxStore, id: string): InvoiceRecord {
  const invoice = store.require('invoices', id, 'Invoice');
  // What Teamleader answers for a draft is not documented; a draft has no number and is not owed,
  // so crediting it is refused [I, the safe reading].
  if (invoice.status === 'draft') throw badRequest(`Invoice ${invoice.id} is a draft: only booked invoices can be credited`, 'id');
  return invoice;
}

/**
 * Books the credit note. Not documented [I], refused as the safe reading: crediting more than the
 * invoice's total (with VAT) less what its earlier credit notes already credited. So a second full
 * credit, or a full credit after a partial one, is refused too.
 */
function bookCreditNote(ctx: HandlerContext, invoice: InvoiceRecord, part: CreditedPart, creditNoteDate: string | undefined) {
  const { store } = ctx;
  const left = payableCents(ctx, invoice) - creditedCents(ctx, invoice.id);
  const amount = payableCents(ctx, part);
  if (amount > left) {
    throw badRequest(
      `Crediting ${euros(amount).toFixed(2)} would credit more than is left of invoice ${invoice.invoice_number ?? invoice.id} (${euros(left).toFixed(2)} of its total)`,
      'grouped_lines',
    );
  }
  const now = store.now();
  // Today by the store's clock when no date is given ([S] the date is optional; the default is [I]).
  const date = creditNoteDate ?? now.slice(0, 10);
  const record: CreditNoteRecord = {
    id: store.newId(),
    department_id: invoice.department_id,
    invoice_id: invoice.id,
    credit_note_number: store.nextCreditNoteNumber(invoice.department_id, date.slice(0, 4)),
    credit_note_date: date,
    status: 'booked',
    invoicee: structuredClone(invoice.invoicee),
    currency: invoice.currency ? { ...invoice.currency } : null,
    grouped_lines: structuredClone(part.grouped_lines),
    discounts: structuredClone(part.discounts),
    document_template_id: invoice.document_template_id,
    paid: false,
    paid_at: null,
    created_at: now,
    updated_at: now,
  };
  store.insert('creditNotes', record);
  // The invoice's `due` changed, so it counts as changed: an incremental reader (updated_since) sees
  // it [I, the safe reading]. Its status and `paid` stay (render-documents.ts invoiceTotals).
  invoice.updated_at = now;
  return created('creditNote', record.id);
}

export const creditNoteHandlers: Record<string, Handler> = {
  'invoices.credit': (ctx, body) => {
    const req = validate(invoiceCreditRequest, body);
    const invoice = creditableInvoice(ctx.store, req.id);
    return bookCreditNote(ctx, invoice, { grouped_lines: invoice.grouped_lines, discounts: invoice.discounts }, req.credit_note_date);
  },

  'invoices.creditPartially': (ctx, body) => {
    const req = validate(invoiceCreditPartiallyRequest, body);
    const invoice = creditableInvoice(ctx.store, req.id);
    checkInvoiceReferences(ctx, req, invoice.department_id);
    return bookCreditNote(ctx, invoice, { grouped_lines: req.grouped_lines, discounts: req.discounts ?? [] }, req.credit_note_date);
  },

  /**
   * `credit_note_date_after` is inclusive and `credit_note_date_before` exclusive, as the blueprint
   * says. No sort is documented: by credit note number, as invoices.list's default [I].
   */
  'creditNotes.list': (ctx, body) => {
    const req = validate(creditNotesListRequest, body);
    const f = req.filter ?? {};
    const items = ctx.store.state.creditNotes.filter((cn) => {
      const date = cn.credit_note_date;
      return (
        (!f.ids || f.ids.includes(cn.id)) &&
        (!f.department_id || cn.department_id === f.department_id) &&
        updatedSince(cn.updated_at, f.updated_since) &&
        (!f.invoice_id || cn.invoice_id === f.invoice_id) &&
        // A credit note has no project of its own here: it is the credited invoice's [I].
        (!f.project_id || (cn.invoice_id !== null && ctx.store.find('invoices', cn.invoice_id)?.project_id === f.project_id)) &&
        (!f.customer || (cn.invoicee.customer.type === f.customer.type && cn.invoicee.customer.id === f.customer.id)) &&
        (!f.credit_note_date_after || (date !== null && date >= f.credit_note_date_after)) &&
        (!f.credit_note_date_before || (date !== null && date < f.credit_note_date_before))
      );
    });
    const sorted = sortItems(items, undefined, [{ field: 'credit_note_number' as const }], (cn) => documentNumberKey(cn.credit_note_number));
    return ok({ data: pageOf(sorted, req.page, ctx.paging).map((cn) => creditNoteListItem(ctx, cn)) });
  },

  'creditNotes.info': (ctx, body) => {
    const req = validate(infoRequest, body);
    return ok({ data: creditNoteInfo(ctx, ctx.store.require('creditNotes', req.id, 'Credit note')) });
  },
};
