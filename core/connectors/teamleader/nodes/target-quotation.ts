/**
 * teamleader.target.quotation: makes a quotation in Teamleader for each order. A quotation always
 * belongs to a deal, so this makes a deal for the customer (`deals.create`) and the quotation with
 * the lines in it (`quotations.create`).
 *
 * Found again without the id ledger: the deal's title ends with the origin marker in brackets
 * ("Order 1042 [MplusKASSA order 0a1b…]", shared/origin-marker.ts), and deals can be searched by
 * title; the same marker tells a flow from Teamleader that the quotation came from MplusKASSA.
 * A deal whose quotation was refused is used again on the next try instead of making a second
 * deal. Quotations are made once; an order that already has one is skipped as already synced.
 */
import { z } from 'zod';
import { RecordError, type Rec } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { keysOfBatch } from '../../shared/collection-index';
import { markerSearchValues, originMarker } from '../../shared/origin-marker';
import { ledgerKnows, outcomeOf, sourceIds } from '../../shared/target-support';
import { commercialDiscount, currency, id as teamleaderId } from '../schemas-common';
import type { DealCreateInput, QuotationCreateInput } from '../schemas-requests';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection, connectionField, teamleaderScope } from './connection-field';
import { currencyOf, expectedCents, hasLines, lineProductCodes, linesFields, resolveLines, type WriteLine } from './document-lines';
import { referenceData } from './reference-data';
import { dealSearch, productSearch } from './searches';
import { customerRefInput } from './target-invoice';
import { attachAsField, defined, forgetGoneCustomer, forgetGoneProduct, isPlaceholder, payloadField, payloadOf, productIdsOf, sourceIdField } from './target-support';
import { vendorWrite } from './vendor-errors';

const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().nullish());

export const quotationPayload = z
  .object({
    customer: customerRefInput.optional(),
    lead: z.object({ customer: customerRefInput, contact_person_id: teamleaderId.optional() }).optional(),
    /** At a company: the person the deal is with. */
    contact_person_id: teamleaderId.optional(),
    /** The deal's title; "Order" when absent. The source id is added in brackets. */
    title: text,
    summary: text,
    ...linesFields,
    /** The quotation's text (Markdown). */
    text,
    currency: z.object({ code: currency, exchange_rate: z.number().optional() }).optional(),
    discounts: z.array(commercialDiscount).optional(),
    department: text,
    responsible_user_id: teamleaderId.optional(),
  })
  .refine((p) => p.customer || p.lead, { message: 'needs a customer: customer or lead.customer { type, id }', path: ['customer'] })
  .refine((p) => hasLines(p) || p.text, { message: 'needs lines (lines or grouped_lines) or a text', path: ['lines'] });
type QuotationPayload = z.output<typeof quotationPayload>;

const marker = (sourceId: string) => `[${sourceId}]`;

/** What the lines come to without VAT: the deal's estimated value. */
const totalOf = (groups: Array<{ line_items: WriteLine[] }>) =>
  Math.round(groups.flatMap((g) => g.line_items).reduce((sum, l) => sum + l.quantity * l.unit_price.amount * (1 - (l.discount?.value ?? 0) / 100), 0) * 100) / 100;

export const teamleaderQuotationTarget = defineNode({
  type: 'teamleader.target.quotation',
  kind: 'target',
  app: 'teamleader',
  title: 'Make the quotation in Teamleader',
  description:
    'Makes a quotation in Teamleader for each order: a deal for the customer and, in it, a quotation with the lines. The deal’s title ends with Sincro’s origin marker in brackets (“[MplusKASSA order …]”: the order it came from), so an order that already has a quotation is recognised and skipped, also after a lost id ledger. The quotation to send: { customer: { type: "company" | "contact", id } (what the customer target or lookup attaches; or lead: { customer, contact_person_id }), title (the deal’s title, “Order” when absent), lines: [{ quantity, description, unit_price (euros without VAT), tax_rate (the VAT percentage, e.g. 21; or tax_rate_id), discount (percent), product_code or product_id, purchase_price }] (or grouped_lines with sections), text, currency, discounts, department, summary }. VAT percentages are mapped to the department’s tax rates; an unknown one fails the record, naming it. The record goes on with the quotation’s Teamleader id.',
  config: z.object({
    connection: connectionField,
    payload: payloadField('quotation'),
    sourceId: sourceIdField('The source order’s id: it goes in brackets into the deal’s title (so the quotation is found again) and identifies it in the id ledger. The record key when empty.'),
    department: z.string().optional().meta(ui({ label: 'Department', placeholder: '(the default department)', help: 'The department (company) the deals and quotations are made in: its name or id.' })),
    attachAs: attachAsField('teamleaderQuotationId', 'quotation id'),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `deal + quotation per order${c.department ? ` · ${c.department}` : ''}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const reference = referenceData(ctx, c.connection);
      const products = productSearch(ctx, c.connection);
      const ids = sourceIds(ctx);
      const call = callOptions(ctx);
      const at = (field: string) => (c.payload ? `${c.payload}.${field}` : field);
      /** Deals without a quotation (one was refused), by source id: used again instead of a second deal. */
      const dealsWithout = ctx.memo(`teamleader:${c.connection}:deals-without-quotation`, () => new Map<string, string>());
      const deals = dealSearch(ctx, c.connection);
      const markersOf = (rec: Rec, sourceId: string) => {
        // The origin marker ("[MplusKASSA order …]") ends the title; an older Sincro wrote the bare id.
        const own = marker(rec.origin ? originMarker(rec.origin) : sourceId);
        return { own, markers: [...new Set([own, ...markerSearchValues(rec.origin, sourceId).map(marker)])] };
      };
      const leadOf = (p: QuotationPayload) => p.lead ?? { customer: p.customer as { type: 'contact' | 'company'; id: string }, ...(p.contact_person_id ? { contact_person_id: p.contact_person_id } : {}) };
      const beforeBatch = async (batch: Rec[]) => {
        const codes: string[] = [];
        const wanted: Array<{ customer: { type: string; id: string }; marker: string }> = [];
        await keysOfBatch(batch, async (rec) => {
          const p = payloadOf(rec, c.payload, 'quotation', quotationPayload);
          codes.push(...lineProductCodes(p));
          const { customer } = leadOf(p);
          // A customer a dry run would create has no deals to look for.
          const sourceId = await ids.of(rec, rec.key);
          if (!isPlaceholder(customer.id) && !ledgerKnows(ctx, teamleaderScope(c.connection), 'quotation', sourceId)) for (const m of markersOf(rec, sourceId).markers) wanted.push({ customer, marker: m });
          return [];
        });
        products.expect(codes);
        deals.expect(wanted);
      };
      const handle = async (rec: Rec) => {
        const p = payloadOf(rec, c.payload, 'quotation', quotationPayload);
        const sourceId = await ids.of(rec, rec.key);
        const department = await reference.department(p.department ?? c.department);
        const money = p.currency?.code ?? currencyOf(department);
        const lines = await resolveLines(p, { department, reference, products, kind: 'quotation', currency: money, at });
        const lead = leadOf(p);
        const { own, markers } = markersOf(rec, sourceId);
        const title = p.title && markers.some((m) => p.title?.endsWith(m)) ? p.title : `${p.title ?? 'Order'} ${own}`;
        const deal: DealCreateInput = defined({
          lead,
          title,
          summary: p.summary ?? undefined,
          department_id: department.id,
          responsible_user_id: p.responsible_user_id,
          estimated_value: lines.grouped_lines.length ? { amount: totalOf(lines.grouped_lines), currency: money } : undefined,
        });
        const quotation: Omit<QuotationCreateInput, 'deal_id'> = defined({
          grouped_lines: hasLines(p) ? lines.grouped_lines : undefined,
          text: p.text ?? undefined,
          currency: p.currency,
          discounts: p.discounts,
        });

        const client = await teamleaderClientFor(ctx, c.connection);
        // The deal the quotation is in (made or found), noted with its origin below.
        let dealOfQuotation: string | undefined;
        const result = await writeWithLedger(ctx, {
          scope: teamleaderScope(c.connection),
          entity: 'quotation',
          sourceId,
          // Noted with it in the ledger: read back, it is this document's copy, also with its marker edited away.
          origin: rec.origin,
          total: expectedCents(p),
          payload: { deal, quotation },
          mode: 'create',
          find: async () => {
            // A customer a dry run would create has no deals yet.
            if (isPlaceholder(lead.customer.id)) return undefined;
            for (const m of markers) {
              for (const d of await deals.byMarker(lead.customer, m)) {
                const full = await client.deals.info(d.id, call);
                const first = full.quotations[0];
                if (first) {
                  dealOfQuotation = d.id;
                  return first.id;
                }
                dealsWithout.set(sourceId, d.id);
              }
            }
            return undefined;
          },
          create: async () => {
            const dealId =
              dealsWithout.get(sourceId) ??
              (await deals.write(() => vendorWrite('deal', () => client.deals.create(deal, call))).catch((e: unknown) => {
                throw forgetGoneCustomer(ctx, teamleaderScope(c.connection), lead.customer, e);
              }));
            dealsWithout.set(sourceId, dealId);
            let id: string;
            try {
              id = await vendorWrite('quotation', () => client.quotations.create({ deal_id: dealId, ...quotation }, call));
            } catch (error) {
              const gone = forgetGoneProduct(ctx, teamleaderScope(c.connection), productIdsOf(quotation.grouped_lines ?? []), error);
              if (gone instanceof RecordError) throw new RecordError(`${gone.message} (the deal "${title}" was made and is used again on the next try)`, gone.field, gone.code);
              throw gone;
            }
            dealsWithout.delete(sourceId);
            dealOfQuotation = dealId;
            return { id, answer: { dealId, quotationId: id } };
          },
        });
        // An invoice a person makes from the deal is the same sale: the ledger knows the deal's origin
        // too, for when the deal's marker is edited away (the invoices source's writtenAs).
        if (dealOfQuotation && rec.origin && !ctx.dryRun && result.targetId !== undefined) {
          ctx.ledger.commit(teamleaderScope(c.connection), 'deal', sourceId, dealOfQuotation, null, ctx.runId);
          ctx.ledger.noteOrigin(teamleaderScope(c.connection), 'deal', sourceId, rec.origin);
        }
        return outcomeOf(rec, result, { attachAs: c.attachAs, note: lines.notes.join('; ') || undefined });
      };
      return { beforeBatch, handle };
    },
    { concurrency: () => 4 },
  ),
});
