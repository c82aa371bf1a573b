/**
 * teamleader.target.invoice: makes the invoice of an order in Teamleader (`invoices.draft`), and
 * books it when asked. The invoice's purchase order number is the source order's id, so the order
 * is recognised in Teamleader later, also without the id ledger: nothing is invoiced twice.
 *
 * Booking is a step of its own after the draft: when it fails, the draft stays (and is in the
 * ledger), the record fails saying so, and the next run books the draft it finds.
 */
import { z } from 'zod';
import { localDate } from '../../../util/local-date';
import { RecordError, type Rec } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { keysOfBatch } from '../../shared/collection-index';
import { markerSearchValues, originMarker } from '../../shared/origin-marker';
import { ledgerKnows, modeInWords, outcomeOf, sourceIds } from '../../shared/target-support';
import type { TeamleaderClient } from '../client';
import { commercialDiscount, currency, date, expectedPaymentMethod, id as teamleaderId, paymentTerm, type PaymentTerm } from '../schemas-common';
import type { InvoiceDraftInput } from '../schemas-requests';
import type { CallOptions } from '../transport';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection, connectionField, teamleaderScope } from './connection-field';
import { currencyOf, expectedCents, hasLines, lineProductCodes, linesFields, resolveLines } from './document-lines';
import { referenceData } from './reference-data';
import { invoiceSearch, productSearch, type InvoiceSearch } from './searches';
import { attachAsField, createdAnswer, defined, forgetGoneCustomer, forgetGoneProduct, idOrPlaceholder, modeField, payloadField, payloadOf, productIdsOf, sourceIdField, updatedAnswer } from './target-support';
import { vendorWrite } from './vendor-errors';

const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().nullish());
/** `{ type, id }`, also when it carries more (what the customer lookup attaches). */
export const customerRefInput = z.looseObject({ type: z.enum(['contact', 'company']), id: idOrPlaceholder }).transform(({ type, id }) => ({ type, id }));

export const invoicePayload = z
  .object({
    invoicee: z.object({ customer: customerRefInput, for_attention_of: z.union([z.object({ name: z.string() }), z.object({ contact_id: teamleaderId })]).optional() }).optional(),
    /** Shorthand for invoicee.customer. */
    customer: customerRefInput.optional(),
    ...linesFields,
    invoice_date: date.optional(),
    payment_term: paymentTerm.optional(),
    purchase_order_number: text,
    currency: z.object({ code: currency, exchange_rate: z.number().optional() }).optional(),
    note: text,
    expected_payment_method: expectedPaymentMethod.optional(),
    discounts: z.array(commercialDiscount).optional(),
    /** The department's name or id; the node's department when absent. */
    department: text,
  })
  .refine((p) => p.invoicee || p.customer, { message: 'needs a customer: customer or invoicee.customer { type, id }', path: ['customer'] })
  .refine(hasLines, { message: 'needs lines: lines or grouped_lines', path: ['lines'] });
type InvoicePayload = z.output<typeof invoicePayload>;

function paymentTermOf(c: { paymentTerm: 'account-default' | PaymentTerm['type']; paymentTermDays: number }): PaymentTerm | undefined {
  if (c.paymentTerm === 'account-default') return undefined;
  return c.paymentTerm === 'cash' ? { type: 'cash' } : { type: c.paymentTerm, days: c.paymentTermDays };
}

/** Books the invoice when it is still a draft; says what it did, for the record's history. */
async function bookIfDraft(client: TeamleaderClient, invoices: InvoiceSearch, id: string, on: string, call: CallOptions, knownStatus?: string): Promise<string | undefined> {
  const status = knownStatus ?? (await client.invoices.info(id, call)).status;
  if (status !== 'draft') return undefined;
  try {
    // Booking numbers the invoice, which moves it in Teamleader's list: never while the list is read.
    await invoices.write(() => vendorWrite('invoice', () => client.invoices.book({ id, on }, call)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RecordError(`the invoice is in Teamleader as a draft (${id}), but booking it failed: ${reason}. The next run tries to book it again.`);
  }
  return `booked on ${on}`;
}

export const teamleaderInvoiceTarget = defineNode({
  type: 'teamleader.target.invoice',
  kind: 'target',
  app: 'teamleader',
  title: 'Make the invoice in Teamleader',
  description:
    'Makes an invoice in Teamleader for each order: a draft, or booked (numbered) when chosen. Its purchase order number is Sincro’s origin marker (“MplusKASSA order …”: the order it came from), so an order already invoiced is recognised and skipped, also after a lost id ledger, and a flow from Teamleader never sends the invoice back. The invoice to send: { customer: { type: "company" | "contact", id } (what the customer target or lookup attaches; or invoicee: { customer, for_attention_of }), lines: [{ quantity, description, unit_price (euros without VAT), tax_rate (the VAT percentage, e.g. 21; or tax_rate_id), discount (percent), product_code (linked when Teamleader has it) or product_id, extended_description }] (or grouped_lines: [{ section: { title }, line_items: [...] }]), invoice_date (YYYY-MM-DD), payment_term ({ type: "cash" | "after_invoice_date" | "end_of_month", days }), note, expected_payment_method ({ method: "cash" | "payment_card" | "bank_transfer" | … }), currency, discounts, department }. VAT percentages are mapped to the department’s tax rates; an unknown one fails the record, naming it. The record goes on with the invoice’s Teamleader id.',
  config: z.object({
    connection: connectionField,
    payload: payloadField('invoice'),
    sourceId: sourceIdField('The source order’s id: it identifies the invoice in the id ledger (and is its purchase order number when the record has no origin to mark). The record key when empty.'),
    mode: modeField('invoice', 'create'),
    book: z
      .enum(['draft', 'book'])
      .default('draft')
      .meta(ui({ label: 'Invoices are', help: 'draft: left as drafts to check in Teamleader; book: booked at once (on the invoice date, or today), which gives them their number.' })),
    department: z.string().optional().meta(ui({ label: 'Department', placeholder: '(the default department)', help: 'The department (company) the invoices are made in: its name or id.' })),
    paymentTerm: z
      .enum(['account-default', 'cash', 'after_invoice_date', 'end_of_month'])
      .default('account-default')
      .meta(ui({ label: 'Payment term', help: 'Used when the invoice gives none: the account’s default term, cash, or a number of days after the invoice date or after the end of the month.' })),
    paymentTermDays: z
      .number()
      .int()
      .min(0)
      .default(14)
      .meta(ui({ label: 'Days', showWhen: { paymentTerm: ['after_invoice_date', 'end_of_month'] } })),
    attachAs: attachAsField('teamleaderInvoiceId', 'invoice id'),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `${c.book === 'book' ? 'booked' : 'draft'} invoices · ${modeInWords(c.mode)}${c.department ? ` · ${c.department}` : ''}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const reference = referenceData(ctx, c.connection);
      const products = productSearch(ctx, c.connection);
      const invoices = invoiceSearch(ctx, c.connection);
      const ids = sourceIds(ctx);
      const call = callOptions(ctx);
      const at = (field: string) => (c.payload ? `${c.payload}.${field}` : field);
      /** The purchase order number to write: the origin marker ("MplusKASSA order …") unless the flow gives its own; and the numbers to look for. */
      const numbersOf = async (rec: Rec, p: InvoicePayload) => {
        const sourceId = await ids.of(rec, rec.key);
        const purchaseOrderNumber = p.purchase_order_number ?? (rec.origin ? originMarker(rec.origin) : sourceId);
        const searchNumbers = p.purchase_order_number ? [purchaseOrderNumber] : [...new Set([purchaseOrderNumber, ...markerSearchValues(rec.origin, sourceId)])];
        return { sourceId, purchaseOrderNumber, searchNumbers };
      };
      const beforeBatch = async (batch: Rec[]) => {
        const codes: string[] = [];
        const numbers = await keysOfBatch(batch, async (rec) => {
          const p = payloadOf(rec, c.payload, 'invoice', invoicePayload);
          codes.push(...lineProductCodes(p));
          const { sourceId, searchNumbers } = await numbersOf(rec, p);
          return ledgerKnows(ctx, teamleaderScope(c.connection), 'invoice', sourceId) ? [] : searchNumbers;
        });
        invoices.expect(numbers);
        products.expect(codes);
      };
      const handle = async (rec: Rec) => {
        const p = payloadOf(rec, c.payload, 'invoice', invoicePayload);
        const { sourceId, purchaseOrderNumber, searchNumbers } = await numbersOf(rec, p);
        const department = await reference.department(p.department ?? c.department);
        const lines = await resolveLines(p, { department, reference, products, kind: 'invoice', currency: p.currency?.code ?? currencyOf(department), at });
        const invoicee = p.invoicee ?? { customer: p.customer as { type: 'contact' | 'company'; id: string } };
        const body: InvoiceDraftInput = defined({
          invoicee,
          department_id: department.id,
          payment_term: p.payment_term ?? paymentTermOf(c) ?? (await reference.defaultPaymentTerm()),
          grouped_lines: lines.grouped_lines,
          purchase_order_number: purchaseOrderNumber,
          invoice_date: p.invoice_date,
          currency: p.currency,
          note: p.note ?? undefined,
          expected_payment_method: p.expected_payment_method,
          discounts: p.discounts,
        });

        const client = await teamleaderClientFor(ctx, c.connection);
        let knownStatus: string | undefined;
        const result = await writeWithLedger(ctx, {
          scope: teamleaderScope(c.connection),
          entity: 'invoice',
          sourceId,
          // Noted with it in the ledger: read back, it is this document's copy, also with its marker edited away.
          origin: rec.origin,
          total: expectedCents(p),
          payload: body,
          mode: c.mode,
          find: async () => {
            const found = await invoices.byFirstPurchaseOrderNumber(searchNumbers);
            knownStatus = found?.status;
            return found?.id;
          },
          create: async () => {
            const id = await invoices.write(() => vendorWrite('invoice', () => client.invoices.draft(body, call))).catch((e: unknown) => {
              throw forgetGoneProduct(ctx, teamleaderScope(c.connection), productIdsOf(body.grouped_lines), forgetGoneCustomer(ctx, teamleaderScope(c.connection), invoicee.customer, e));
            });
            invoices.forget(purchaseOrderNumber);
            knownStatus = 'draft';
            return { id, answer: createdAnswer('invoice', id) };
          },
          update: async (id) => {
            const stored = await vendorWrite('invoice', () => client.invoices.info(id, call));
            if (stored.status !== 'draft') throw new RecordError(`invoice ${stored.invoice_number ?? id} is booked, and Teamleader does not change booked invoices`);
            const { department_id: _fixed, ...changes } = body;
            await invoices.write(() => vendorWrite('invoice', () => client.invoices.update({ id, ...changes }, call))).catch((e: unknown) => {
              throw forgetGoneProduct(ctx, teamleaderScope(c.connection), productIdsOf(body.grouped_lines), e);
            });
            knownStatus = 'draft';
            invoices.forget(purchaseOrderNumber);
            return { answer: updatedAnswer };
          },
        });

        const notes = [...lines.notes];
        const targetId = result.targetId;
        if (c.book === 'book' && targetId !== undefined) {
          if (ctx.dryRun) notes.push('would book it');
          else {
            const booked = await bookIfDraft(client, invoices, targetId, p.invoice_date ?? localDate(), call, knownStatus);
            if (booked) notes.push(booked);
          }
        }
        return outcomeOf(rec, result, { attachAs: c.attachAs, note: notes.join('; ') || undefined });
      };
      return { beforeBatch, handle };
    },
    { concurrency: () => 4 },
  ),
});
