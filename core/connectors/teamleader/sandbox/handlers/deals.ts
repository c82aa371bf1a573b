/**
 * deals.list / deals.create / deals.info and quotations.list / quotations.create / quotations.info
 * of the sandbox. A quotation always belongs to a deal ([S]). A deal without `phase_id` starts in the
 * first phase of the first pipeline ([T]); sources and document templates are not modelled and are
 * stored as given.
 */
import { dealCreateRequest, dealsListRequest, infoRequest, quotationCreateRequest, quotationsListRequest } from '../../schemas-requests';
import { z } from 'zod';
import { badRequest, validate } from '../api-error';
import { matchesTerm, normaliseOffset, pageOf, sortItems, updatedSince } from '../list-query';
import { dealInfo, dealListItem, quotationInfo, quotationListItem } from '../render-documents';
import type { DealRecord, QuotationRecord } from '../seed-schema';
import { created, ok, type Handler, type HandlerContext } from './types';

function customerName(ctx: HandlerContext, customer: { type: 'contact' | 'company'; id: string }): string | null {
  if (customer.type === 'company') return ctx.store.find('companies', customer.id)?.name ?? null;
  const c = ctx.store.find('contacts', customer.id);
  return c ? [c.first_name, c.last_name].filter(Boolean).join(' ') : null;
}

const phaseIdsOf = (ctx: HandlerContext, pipelineIds: string[]) =>
  new Set(ctx.store.state.dealPipelines.filter((p) => pipelineIds.includes(p.id)).flatMap((p) => p.phases.map((ph) => ph.id)));

export const dealHandlers: Record<string, Handler> = {
  /** Default order: newest first ([S] `created_at desc`). */
  'deals.list': (ctx, body) => {
    const req = validate(dealsListRequest, body);
    const f = req.filter ?? {};
    const responsible = f.responsible_user_id === undefined ? undefined : ([] as string[]).concat(f.responsible_user_id);
    const phases = f.pipeline_ids ? phaseIdsOf(ctx, f.pipeline_ids) : undefined;
    const items = ctx.store.state.deals.filter(
      (d) =>
        (!f.ids || f.ids.includes(d.id)) &&
        matchesTerm(f.term, d.title, d.reference, customerName(ctx, d.lead.customer)) &&
        (!f.customer || (d.lead.customer.type === f.customer.type && d.lead.customer.id === f.customer.id)) &&
        (!f.phase_id || d.phase_id === f.phase_id) &&
        (f.estimated_closing_date === undefined || d.estimated_closing_date === f.estimated_closing_date) &&
        (!f.estimated_closing_date_from || (d.estimated_closing_date !== null && d.estimated_closing_date >= f.estimated_closing_date_from)) &&
        (!f.estimated_closing_date_until || (d.estimated_closing_date !== null && d.estimated_closing_date <= f.estimated_closing_date_until)) &&
        (!responsible || (d.responsible_user_id !== null && responsible.includes(d.responsible_user_id))) &&
        updatedSince(d.updated_at, f.updated_since) &&
        (!f.created_before || Date.parse(d.created_at) <= Date.parse(normaliseOffset(f.created_before))) &&
        (!f.status || f.status.includes(d.status)) &&
        (!phases || (d.phase_id !== null && phases.has(d.phase_id))),
    );
    const sorted = sortItems(items, req.sort, [{ field: 'created_at', order: 'desc' }], (d, field) =>
      field === 'created_at' ? Date.parse(d.created_at) : (d.estimated_value?.amount ?? 0) * (d.estimated_probability ?? 0),
    );
    return ok({ data: pageOf(sorted, req.page, ctx.paging).map((d) => dealListItem(ctx, d, req.includes)) });
  },

  'deals.create': (ctx, body) => {
    const req = validate(dealCreateRequest, body);
    const { store } = ctx;
    const { customer, contact_person_id } = req.lead;
    if (!store.customerExists(customer)) throw badRequest(`The ${customer.type} ${customer.id} does not exist`, 'lead.customer.id');
    if (contact_person_id) store.reference('contacts', contact_person_id, 'contact', 'lead.contact_person_id');
    if (req.department_id) store.reference('departments', req.department_id, 'department', 'department_id');
    if (req.responsible_user_id) store.reference('users', req.responsible_user_id, 'user', 'responsible_user_id');
    const phases = store.state.dealPipelines.flatMap((p) => p.phases);
    if (req.phase_id && !phases.some((p) => p.id === req.phase_id)) throw badRequest(`The deal phase ${req.phase_id} does not exist`, 'phase_id');
    const now = store.now();
    const year = now.slice(0, 4);
    const count = store.state.deals.filter((d) => d.reference.startsWith(`${year}/`)).length;
    const record: DealRecord = {
      id: store.newId(),
      title: req.title,
      summary: req.summary ?? null,
      reference: `${year}/${count + 1}`,
      status: 'open',
      lead: { customer, contact_person_id: contact_person_id ?? null },
      source_id: req.source_id ?? null,
      department_id: req.department_id ?? store.state.departments[0]?.id ?? null,
      responsible_user_id: req.responsible_user_id ?? store.state.users[0]?.id ?? null,
      phase_id: req.phase_id ?? phases[0]?.id ?? null,
      estimated_value: req.estimated_value ?? null,
      estimated_probability: req.estimated_probability ?? null,
      estimated_closing_date: req.estimated_closing_date ?? null,
      purchase_order_number: null,
      currency: req.currency ?? null,
      custom_fields: req.custom_fields ?? [],
      closed_at: null,
      created_at: now,
      updated_at: now,
    };
    store.insert('deals', record);
    return created('deal', record.id);
  },

  'deals.info': (ctx, body) => {
    const { id } = validate(infoRequest, body);
    return ok({ data: dealInfo(ctx, ctx.store.require('deals', id, 'Deal')) });
  },

  /** No sort is documented; oldest first ([I]). */
  'quotations.list': (ctx, body) => {
    const req = validate(quotationsListRequest, body);
    const ids = req.filter?.ids;
    const items = ctx.store.state.quotations.filter((q) => !ids || ids.includes(q.id));
    const sorted = sortItems(items, undefined, [{ field: 'created_at' }], (q) => Date.parse(q.created_at));
    return ok({ data: pageOf(sorted, req.page, ctx.paging).map((q) => quotationListItem(ctx, q)) });
  },

  'quotations.create': (ctx, body) => {
    const req = validate(quotationCreateRequest, body);
    const { store } = ctx;
    const deal = store.reference('deals', req.deal_id, 'deal', 'deal_id');
    req.grouped_lines?.forEach((g, gi) =>
      g.line_items.forEach((l, li) => {
        store.reference('taxRates', l.tax_rate_id, 'tax rate', `grouped_lines.${gi}.line_items.${li}.tax_rate_id`);
        // "purely informational" on quotations, but still a reference to a product ([S]).
        if (l.product_id) store.reference('products', l.product_id, 'product', `grouped_lines.${gi}.line_items.${li}.product_id`);
      }),
    );
    const now = store.now();
    const record: QuotationRecord = {
      id: store.newId(),
      deal_id: deal.id,
      name: deal.title,
      status: 'open',
      currency: req.currency ?? null,
      grouped_lines: req.grouped_lines ?? [],
      discounts: req.discounts ?? [],
      text: req.text ?? null,
      document_template_id: req.document_template_id ?? null,
      expiry: req.expiry ?? null,
      created_at: now,
      updated_at: now,
    };
    store.insert('quotations', record);
    deal.updated_at = now;
    return created('quotation', record.id);
  },

  'quotations.info': (ctx, body) => {
    const req = validate(infoRequest.extend({ includes: z.string().optional() }), body);
    return ok({ data: quotationInfo(ctx, ctx.store.require('quotations', req.id, 'Quotation'), req.includes) });
  },
};
