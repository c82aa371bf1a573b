/**
 * teamleader.target.customer: creates or updates the customer in Teamleader, found by email. With
 * a company name it is a company, with the person as its contact person (contacts.linkToCompany);
 * without one, a contact. The record goes on with `{ type, id }`, what an invoice or quotation needs.
 */
import { z } from 'zod';
import { RecordError, type Rec } from '../../../engine/record';
import { defineNode, ui, type NodeRunContext } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { keysOfBatch } from '../../shared/collection-index';
import { joinPersonName } from '../../shared/person-name';
import { ledgerKnows, modeInWords, outcomeOf, sourceIds } from '../../shared/target-support';
import type { TeamleaderClient } from '../client';
import { TeamleaderNotFoundError } from '../errors';
import { collect } from '../paging';
import type { TeamleaderContactListItem } from '../schemas-responses';
import type { CallOptions } from '../transport';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection, connectionField, teamleaderScope } from './connection-field';
import { companyAdd, companyUpdate, contactAdd, contactUpdate, customerPayload, hasPerson, type CustomerPayload } from './customer-payload';
import { customerSearch, normaliseEmail, type CustomerSearch } from './searches';
import { attachAsField, createdAnswer, modeField, payloadField, payloadOf, sourceIdField, updatedAnswer } from './target-support';
import { vendorWrite } from './vendor-errors';

/** The ledger's target id says which kind of customer it is: "company:<id>" or "contact:<id>". */
const targetIdOf = (type: 'company' | 'contact', id: string) => `${type}:${id}`;
function customerRef(targetId: string, fallbackType: 'company' | 'contact'): { type: 'company' | 'contact'; id: string } {
  const m = /^(company|contact):(.+)$/.exec(targetId);
  return m?.[1] && m[2] ? { type: m[1] as 'company' | 'contact', id: m[2] } : { type: fallbackType, id: targetId };
}

/** The people linked to a company: none for one this run made; else those companies.info named, from the contacts read in bulk, or asked for. */
async function linkedContacts(client: TeamleaderClient, search: CustomerSearch, company: CompanyLinks, call: CallOptions): Promise<TeamleaderContactListItem[]> {
  if (company.related === 'none') return [];
  return (await search.contactsById(company.related)) ?? collect(client.contacts.list({ filter: { company_id: company.id } }, call));
}

/** A company and who is linked to it: 'none' for one just made, else the ids companies.info gave. */
type CompanyLinks = { id: string; related: 'none' | string[] };

/** What making a company's contact person needs. */
interface PersonMaker {
  ctx: NodeRunContext<unknown>;
  scope: string;
  client: TeamleaderClient;
  search: CustomerSearch;
  call: CallOptions;
}

/**
 * The company's contact person: a person already linked to the company with the same email or
 * name is kept; else the contact with the same email (a private customer who now orders for a
 * company), else a new one; linked as decision maker. Linking again is harmless.
 */
async function ensureContactPerson(m: PersonMaker, company: CompanyLinks, p: CustomerPayload): Promise<string> {
  const email = normaliseEmail(p.email);
  const name = (first: string | null | undefined, last: string | null | undefined) => joinPersonName(first, last).toLowerCase();
  const linked = await linkedContacts(m.client, m.search, company, m.call);
  const same = linked.find((c) => c.emails.some((e) => normaliseEmail(e.email) === email) || name(c.first_name, c.last_name) === name(p.first_name, p.last_name));
  if (same) return same.id;
  const contactId = (await m.search.contact(email))?.id ?? (await newContactPerson(m, p));
  await m.client.contacts.linkToCompany({ id: contactId, company_id: company.id, decision_maker: true }, m.call);
  return contactId;
}

/**
 * A new contact person. Two runs completing one company at once (two flows of one template) would
 * each make one, as neither run's contacts read in bulk has the other's: the create is claimed in
 * the id ledger, and the run that waited takes the person the other made, while it is still there.
 */
async function newContactPerson(m: PersonMaker, p: CustomerPayload): Promise<string> {
  const email = normaliseEmail(p.email);
  const make = async () => {
    const id = await m.search.writeContact(() => m.client.contacts.add(contactAdd(p, true), m.call));
    m.search.remember(email, { type: 'contact', id, name: joinPersonName(p.first_name, p.last_name), email });
    return id;
  };
  const claimed = await writeWithLedger(m.ctx, { scope: m.scope, entity: 'contact person', sourceId: email, payload: { email }, mode: 'create', create: async () => ({ id: await make() }) });
  if (claimed.outcome === 'written') return claimed.targetId;
  if (claimed.targetId && (await stillThere(m, claimed.targetId))) return claimed.targetId;
  m.ctx.ledger.forget(m.scope, 'contact person', email);
  return make();
}

async function stillThere(m: PersonMaker, contactId: string): Promise<boolean> {
  try {
    await m.client.contacts.info(contactId, m.call);
    return true;
  } catch (e) {
    if (e instanceof TeamleaderNotFoundError) return false;
    throw e;
  }
}

/** After the company was made: a contact person that fails leaves the outcome open, so the next run finds the company and completes it. */
async function completeCompany(what: () => Promise<unknown>, companyName: string): Promise<void> {
  try {
    await vendorWrite('contact person', what);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the company ${companyName} is in Teamleader, but its contact person could not be added or linked (${reason}); the next run tries again`);
  }
}

export const teamleaderCustomerTarget = defineNode({
  type: 'teamleader.target.customer',
  kind: 'target',
  app: 'teamleader',
  title: 'Create or update the customer in Teamleader',
  description:
    'Finds the customer in Teamleader by email address and creates it when it is missing, or updates it. The customer to send: { email (required), first_name, last_name (or name: the person’s whole name, split the same way everywhere: the first word is the first name, the rest the last name, one word a last name only), company_name, vat_number, telephones: [{ type: "phone" | "mobile" | "fax", number }], addresses: [{ type: "primary" | "invoicing" | "delivery" | "visiting", address: { line_1, postal_code, city, country } }], language, website, remarks, tags }. With a company_name it becomes a company (found by its email) with the person as its contact person (a person already linked with the same email or name is kept); without one, a contact (found by email; a company with that email is used too). Updates change only what is sent: other emails, phone numbers and addresses of another type, and tags stay. The record goes on with { type: "company" | "contact", id } in the chosen field.',
  config: z.object({
    connection: connectionField,
    payload: payloadField('customer'),
    sourceId: sourceIdField('What identifies the customer in the id ledger; the email address when empty, so all orders of one customer share one customer and never write it at the same time.'),
    mode: modeField('customer', 'upsert'),
    updateExisting: z
      .boolean()
      .default(true)
      .meta(ui({ label: 'Update existing customers', help: 'Off: customers already in Teamleader are left as they are (and still passed on with their id); only new ones are created.' })),
    attachAs: attachAsField('teamleaderCustomer', 'customer { type, id }'),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `by email · ${c.updateExisting || c.mode === 'create' ? modeInWords(c.mode) : 'create, leave existing ones'}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const search = customerSearch(ctx, c.connection);
      const ids = sourceIds(ctx);
      const call = callOptions(ctx);
      const maker = (client: TeamleaderClient): PersonMaker => ({ ctx, scope: teamleaderScope(c.connection), client, search, call });
      // The emails of the customers the id ledger does not know yet: those are looked for in Teamleader.
      const beforeBatch = async (batch: Rec[]) =>
        search.expect(
          await keysOfBatch(batch, async (rec) => {
            const email = normaliseEmail(payloadOf(rec, c.payload, 'customer', customerPayload).email);
            return ledgerKnows(ctx, teamleaderScope(c.connection), 'customer', await ids.of(rec, email)) ? [] : [email];
          }),
        );
      const handle = async (rec: Rec) => {
        const p = payloadOf(rec, c.payload, 'customer', customerPayload);
        const email = normaliseEmail(p.email);
        const isCompany = Boolean(p.company_name);
        if (!isCompany && !hasPerson(p)) throw new RecordError('the customer has no last name and no company name', 'last_name');
        const client = await teamleaderClientFor(ctx, c.connection);
        const result = await writeWithLedger(ctx, {
          record: rec,
          scope: teamleaderScope(c.connection),
          entity: 'customer',
          sourceId: await ids.of(rec, email),
          payload: p,
          mode: c.mode,
          find: async () => {
            const company = isCompany ? await search.company(email) : null;
            const found = company ?? (isCompany ? null : ((await search.contact(email)) ?? (await search.company(email))));
            return found ? targetIdOf(found.type, found.id) : undefined;
          },
          create: async () => {
            if (!isCompany) {
              const id = await search.writeContact(() => vendorWrite('customer', () => client.contacts.add(contactAdd(p, false), call)));
              search.remember(email, { type: 'contact', id, name: joinPersonName(p.first_name, p.last_name), email });
              return { id: targetIdOf('contact', id), answer: createdAnswer('contact', id) };
            }
            const id = await search.writeCompany(() => vendorWrite('customer', () => client.companies.add(companyAdd(p), call)));
            search.remember(email, { type: 'company', id, name: p.company_name ?? '', email });
            if (hasPerson(p)) await completeCompany(() => ensureContactPerson(maker(client), { id, related: 'none' }, p), p.company_name ?? id);
            return { id: targetIdOf('company', id), answer: createdAnswer('company', id) };
          },
          update: c.updateExisting
            ? async (targetId) => {
                const ref = customerRef(targetId, isCompany ? 'company' : 'contact');
                if (ref.type === 'contact') {
                  const stored = await vendorWrite('customer', () => client.contacts.info(ref.id, call));
                  await search.writeContact(() => vendorWrite('customer', () => client.contacts.update(contactUpdate(stored, p), call)));
                  return { answer: updatedAnswer };
                }
                const withPerson = isCompany && hasPerson(p);
                // Who is linked to the company comes with it, so the contact person needs no request of its own.
                const stored = await vendorWrite('customer', () => client.companies.info(ref.id, withPerson ? { includes: 'related_contacts' } : {}, call));
                await search.writeCompany(() => vendorWrite('customer', () => client.companies.update(companyUpdate(stored, p, isCompany), call)));
                const related = (stored.related_contacts ?? []).filter((r) => r.type === 'contact').map((r) => r.id);
                if (withPerson) await completeCompany(() => ensureContactPerson(maker(client), { id: ref.id, related }, p), stored.name);
                return { answer: updatedAnswer };
              }
            : undefined,
        });
        return outcomeOf(rec, result, {
          attachAs: c.attachAs,
          idValue: (targetId) => customerRef(targetId, isCompany ? 'company' : 'contact'),
          passExistingWith: c.updateExisting || c.mode === 'create' ? undefined : 'the customer is in Teamleader; existing customers are not updated',
        });
      };
      return { beforeBatch, handle };
    },
    { concurrency: () => 4 },
  ),
});
