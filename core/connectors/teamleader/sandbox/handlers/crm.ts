/**
 * contacts.* and companies.* of the sandbox. Updates replace every collection they mention
 * (emails, telephones, addresses, tags, custom fields) and `null` clears a scalar ([S] §1.5).
 * References the sandbox models (companies, users) are checked (400); business types, areas and
 * custom field definitions are not modelled and are stored as given.
 */
import {
  companiesListRequest,
  companyAddRequest,
  companyInfoRequest,
  companyUpdateRequest,
  contactAddRequest,
  contactLinkToCompanyRequest,
  contactsListRequest,
  contactUpdateRequest,
  infoRequest,
} from '../../schemas-requests';
import { validate } from '../api-error';
import { matchesTerm, pageOf, sortItems, updatedSince } from '../list-query';
import { companyInfo, companyListItem, contactInfo, contactListItem } from '../render-parties';
import type { CompanyRecord, ContactRecord } from '../seed-schema';
import { created, noContent, ok, type Handler, type HandlerContext } from './types';

/** Copies the fields present in an update onto the record; `null` on a list clears it. */
export function applyUpdate<R extends object>(record: R, update: object, lists: readonly string[]): void {
  const target = record as Record<string, unknown>;
  for (const [key, value] of Object.entries(update)) {
    if (key === 'id' || value === undefined) continue;
    target[key] = value === null && lists.includes(key) ? [] : value;
  }
}

const contactLists = ['emails', 'telephones', 'addresses', 'tags', 'custom_fields'] as const;

function checkResponsibleUser(ctx: HandlerContext, id: string | null | undefined): void {
  if (id) ctx.store.reference('users', id, 'user', 'responsible_user_id');
}

const name = (c: ContactRecord) => `${c.last_name} ${c.first_name ?? ''}`.trim();
const normaliseVat = (v: string | null | undefined) => (v ?? '').replace(/[^0-9a-z]/gi, '').toUpperCase();

export const crmHandlers: Record<string, Handler> = {
  'contacts.list': (ctx, body) => {
    const req = validate(contactsListRequest, body);
    const f = req.filter ?? {};
    const items = ctx.store.state.contacts.filter(
      (c) =>
        (!f.ids || f.ids.includes(c.id)) &&
        (!f.email || c.emails.some((e) => e.email?.toLowerCase() === f.email?.email.toLowerCase())) &&
        (!f.company_id || c.companies.some((l) => l.company_id === f.company_id)) &&
        matchesTerm(f.term, c.first_name, c.last_name, ...c.emails.map((e) => e.email), ...c.telephones.map((t) => t.number)) &&
        updatedSince(c.updated_at, f.updated_since) &&
        (!f.tags || f.tags.every((t) => c.tags.includes(t))) &&
        (!f.status || c.status === f.status),
    );
    const sorted = sortItems(items, req.sort, [{ field: 'name' }], (c, field) => (field === 'name' ? name(c) : c[field]));
    return ok({ data: pageOf(sorted, req.page, ctx.paging).map((c) => contactListItem(ctx, c, req.includes)) });
  },

  'contacts.info': (ctx, body) => {
    const { id } = validate(infoRequest, body);
    return ok({ data: contactInfo(ctx, ctx.store.require('contacts', id, 'Contact')) });
  },

  'contacts.add': (ctx, body) => {
    const req = validate(contactAddRequest, body);
    const now = ctx.store.now();
    const record: ContactRecord = {
      id: ctx.store.newId(),
      first_name: req.first_name ?? null,
      last_name: req.last_name,
      status: 'active',
      salutation: req.salutation ?? null,
      emails: req.emails ?? [],
      telephones: req.telephones ?? [],
      website: req.website ?? null,
      addresses: req.addresses ?? [],
      language: req.language ?? null,
      gender: req.gender ?? null,
      birthdate: req.birthdate ?? null,
      iban: req.iban ?? null,
      bic: req.bic ?? null,
      national_identification_number: req.national_identification_number ?? null,
      vat_number: null,
      payment_term: null,
      remarks: req.remarks ?? null,
      tags: req.tags ?? [],
      custom_fields: req.custom_fields ?? [],
      marketing_mails_consent: req.marketing_mails_consent ?? false,
      companies: [],
      added_at: now,
      updated_at: now,
    };
    ctx.store.insert('contacts', record);
    return created('contact', record.id);
  },

  'contacts.update': (ctx, body) => {
    const req = validate(contactUpdateRequest, body);
    const record = ctx.store.require('contacts', req.id, 'Contact');
    // An email entry sent with `email: null` removes that address.
    const update = { ...req, ...(req.emails ? { emails: req.emails.filter((e) => e.email !== null) } : {}) };
    applyUpdate(record, update, contactLists);
    record.updated_at = ctx.store.now();
    return noContent();
  },

  'contacts.linkToCompany': (ctx, body) => {
    const req = validate(contactLinkToCompanyRequest, body);
    const contact = ctx.store.require('contacts', req.id, 'Contact');
    ctx.store.reference('companies', req.company_id, 'company', 'company_id');
    const existing = contact.companies.find((l) => l.company_id === req.company_id);
    if (existing) {
      // Linking again keeps one link and takes the new position: repeating the call is harmless.
      if (req.position !== undefined) existing.position = req.position;
      if (req.decision_maker !== undefined) existing.decision_maker = req.decision_maker;
    } else {
      contact.companies.push({
        company_id: req.company_id,
        position: req.position ?? null,
        secondary_position: null,
        division: null,
        decision_maker: req.decision_maker ?? false,
      });
    }
    contact.updated_at = ctx.store.now();
    return noContent();
  },

  'companies.list': (ctx, body) => {
    const req = validate(companiesListRequest, body);
    const f = req.filter ?? {};
    const items = ctx.store.state.companies.filter(
      (c) =>
        (!f.ids || f.ids.includes(c.id)) &&
        (!f.email || c.emails.some((e) => e.email.toLowerCase() === f.email?.email.toLowerCase())) &&
        matchesTerm(f.term, c.name, c.vat_number, ...c.emails.map((e) => e.email), ...c.telephones.map((t) => t.number)) &&
        updatedSince(c.updated_at, f.updated_since) &&
        (!f.tags || f.tags.every((t) => c.tags.includes(t))) &&
        // How Teamleader normalises VAT numbers is not documented; spaces and dots are ignored here ([I]).
        (!f.vat_number || normaliseVat(c.vat_number) === normaliseVat(f.vat_number)) &&
        (!f.status || c.status === f.status),
    );
    const sorted = sortItems(items, req.sort, [{ field: 'name' }], (c, field) => c[field]);
    return ok({ data: pageOf(sorted, req.page, ctx.paging).map((c) => companyListItem(ctx, c, req.includes)) });
  },

  'companies.info': (ctx, body) => {
    const req = validate(companyInfoRequest, body);
    return ok({ data: companyInfo(ctx, ctx.store.require('companies', req.id, 'Company'), req.includes) });
  },

  'companies.add': (ctx, body) => {
    const req = validate(companyAddRequest, body);
    checkResponsibleUser(ctx, req.responsible_user_id);
    const now = ctx.store.now();
    const record: CompanyRecord = {
      id: ctx.store.newId(),
      name: req.name,
      status: 'active',
      business_type_id: req.business_type_id ?? null,
      vat_number: req.vat_number ?? null,
      national_identification_number: req.national_identification_number ?? null,
      emails: req.emails ?? [],
      telephones: req.telephones ?? [],
      website: req.website ?? null,
      addresses: req.addresses ?? [],
      iban: req.iban ?? null,
      bic: req.bic ?? null,
      language: req.language ?? null,
      preferred_currency: req.preferred_currency ?? null,
      payment_term: null,
      responsible_user_id: req.responsible_user_id ?? null,
      remarks: req.remarks ?? null,
      tags: req.tags ?? [],
      custom_fields: req.custom_fields ?? [],
      marketing_mails_consent: req.marketing_mails_consent ?? false,
      added_at: now,
      updated_at: now,
    };
    ctx.store.insert('companies', record);
    return created('company', record.id);
  },

  'companies.update': (ctx, body) => {
    const req = validate(companyUpdateRequest, body);
    const record = ctx.store.require('companies', req.id, 'Company');
    checkResponsibleUser(ctx, req.responsible_user_id);
    applyUpdate(record, req, contactLists);
    record.updated_at = ctx.store.now();
    return noContent();
  },
};
