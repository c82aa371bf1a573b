/**
 * The customer a flow hands the customer target, in Teamleader's words, and how it becomes the
 * bodies of companies.add / contacts.add and their updates.
 *
 * Updates change only what the payload says and keep what was added in Teamleader since: the
 * primary email is replaced and an invoicing email kept, telephones and addresses are replaced per
 * type (a new delivery address leaves the invoicing address alone), tags are added, never removed.
 * (Teamleader's updates replace whole collections, so the stored record is read first.)
 */
import { z } from 'zod';
import { splitPersonName } from '../../shared/person-name';
import { addressEntryRequest, telephone, type AddressEntryRequest } from '../schemas-common';
import type { CompanyAddInput, CompanyUpdateInput, ContactAddInput, ContactUpdateInput } from '../schemas-requests';
import type { TeamleaderCompany, TeamleaderContact } from '../schemas-responses';
import { defined } from './target-support';

/** '' and whitespace count as absent: a mapping of an empty source field must not clear Teamleader's. */
const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().nullish());

export const customerPayload = z.preprocess(
  personNameSplit,
  z.object({
    email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'is required: customers are found by email' }).min(1, 'is required: customers are found by email')),
    first_name: text,
    last_name: text,
    /** Present: a company with this name, and the person (if named) as its contact. */
    company_name: text,
    vat_number: text,
    telephones: z.array(telephone).optional(),
    addresses: z.array(addressEntryRequest).optional(),
    language: text,
    website: text,
    remarks: text,
    tags: z.array(z.string()).optional(),
  }),
);
export type CustomerPayload = z.output<typeof customerPayload>;

/** `name`: the person's whole name, split as everywhere (shared/person-name.ts) when first_name and last_name are not given. */
function personNameSplit(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { name, ...rest } = value as Record<string, unknown>;
  const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (given(rest['first_name']) || given(rest['last_name'])) return rest;
  const split = splitPersonName(name);
  return split ? { ...rest, ...(split.firstName ? { first_name: split.firstName } : {}), last_name: split.lastName } : rest;
}

type Telephone = z.output<typeof telephone>;
type CompanyTelephone = { type: 'phone' | 'fax'; number: string };


/** Entries of the payload replace the stored ones of the same type; the others stay. */
function mergeByType<T extends { type: string }>(stored: T[], given: T[] | undefined): T[] | undefined {
  if (!given) return undefined;
  const types = new Set(given.map((g) => g.type));
  return [...stored.filter((s) => !types.has(s.type)), ...given];
}

const addTags = (stored: string[], given: string[] | undefined) => (given ? [...new Set([...stored, ...given])] : undefined);

/** Companies have phone and fax numbers only; a mobile number becomes their phone. */
const companyPhones = (list: Telephone[] | undefined): CompanyTelephone[] | undefined =>
  list?.map((t) => ({ type: t.type === 'fax' ? 'fax' : 'phone', number: t.number }));

/** Stored addresses as write entries (the answer has `area_level_two` as a relation). */
function storedAddresses(list: { type: string; address: { line_1?: string | null; postal_code?: string | null; city?: string | null; country?: string | null; addressee?: string | null } }[]): AddressEntryRequest[] {
  return list.map((a) => ({
    type: a.type as AddressEntryRequest['type'],
    address: {
      line_1: a.address.line_1 ?? null,
      postal_code: a.address.postal_code ?? null,
      city: a.address.city ?? null,
      country: a.address.country ?? '',
      ...(a.address.addressee && a.type !== 'primary' ? { addressee: a.address.addressee } : {}),
    },
  }));
}

export const hasPerson = (p: CustomerPayload) => Boolean(p.last_name || p.first_name);

export function companyAdd(p: CustomerPayload): CompanyAddInput {
  return defined({
    name: p.company_name ?? '',
    vat_number: p.vat_number ?? undefined,
    emails: [{ type: 'primary' as const, email: p.email }],
    telephones: companyPhones(p.telephones),
    addresses: p.addresses,
    language: p.language ?? undefined,
    website: p.website ?? undefined,
    remarks: p.remarks ?? undefined,
    tags: p.tags,
  });
}

/** `rename`: the payload names the company (a person's payload matched to a company does not). */
export function companyUpdate(stored: TeamleaderCompany, p: CustomerPayload, rename: boolean): CompanyUpdateInput {
  const invoicing = stored.emails.filter((e) => e.type === 'invoicing' && e.email).map((e) => ({ type: 'invoicing' as const, email: e.email ?? '' }));
  return defined({
    id: stored.id,
    name: rename ? (p.company_name ?? undefined) : undefined,
    vat_number: rename ? (p.vat_number ?? undefined) : undefined,
    emails: [{ type: 'primary' as const, email: p.email }, ...invoicing],
    telephones: mergeByType(
      stored.telephones.map((t) => ({ type: t.type === 'fax' ? ('fax' as const) : ('phone' as const), number: t.number })),
      companyPhones(p.telephones),
    ),
    addresses: mergeByType(storedAddresses(stored.addresses), p.addresses),
    language: p.language ?? undefined,
    website: p.website ?? undefined,
    remarks: p.remarks ?? undefined,
    tags: addTags(stored.tags, p.tags),
  });
}

/** The person: a private customer, or a company's contact person (whose addresses are the company's). */
export function contactAdd(p: CustomerPayload, asContactPerson: boolean): ContactAddInput {
  return defined({
    // A person with a first name only is known by it as their last name, never by it twice.
    first_name: p.last_name ? (p.first_name ?? undefined) : undefined,
    last_name: p.last_name ?? p.first_name ?? '',
    emails: [{ type: 'primary' as const, email: p.email }],
    telephones: p.telephones,
    addresses: asContactPerson ? undefined : p.addresses,
    language: p.language ?? undefined,
    website: asContactPerson ? undefined : (p.website ?? undefined),
    remarks: asContactPerson ? undefined : (p.remarks ?? undefined),
    tags: asContactPerson ? undefined : p.tags,
  });
}

export function contactUpdate(stored: TeamleaderContact, p: CustomerPayload): ContactUpdateInput {
  return defined({
    id: stored.id,
    first_name: p.first_name ?? undefined,
    last_name: p.last_name ?? undefined,
    emails: [{ type: 'primary' as const, email: p.email }],
    telephones: mergeByType(
      stored.telephones.map((t) => ({ type: t.type as Telephone['type'], number: t.number })),
      p.telephones,
    ),
    addresses: mergeByType(storedAddresses(stored.addresses), p.addresses),
    language: p.language ?? undefined,
    website: p.website ?? undefined,
    remarks: p.remarks ?? undefined,
    tags: addTags(stored.tags, p.tags),
  });
}
