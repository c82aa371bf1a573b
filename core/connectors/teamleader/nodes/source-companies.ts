/**
 * teamleader.source.companies: the companies made or changed in Teamleader since the last run, with
 * their contact person and the people linked to them. A change to one of those people (a new email,
 * a new phone) does not mark the company changed in Teamleader, so the people changed since the
 * last run are listed too (their own cursor, `peopleUpdatedSince`), and their companies read again:
 * the person's change travels with the company, as the person does. A person unlinked from a
 * company no longer names it, so who was linked to each company when it was last read is kept too
 * (`linkedPeople`), and a changed person's former companies are read again with their current ones.
 */
import { z } from 'zod';
import { defineNode, ui, type NodeRunContext } from '../../../nodes/define-node';
import { field, firstText } from '../../shared/record-label';
import { mapLimited } from '../../shared/run-cache';
import type { TeamleaderClient } from '../client';
import { TeamleaderNotFoundError } from '../errors';
import { collect, defaultPageSize } from '../paging';
import type { TeamleaderCompanyListItem, TeamleaderContactListItem } from '../schemas-responses';
import type { CallOptions } from '../transport';
import { ChangeCursor, changesConfig, readChanges, rereadListed } from './changes-source';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection } from './connection-field';
import { details, IDS_PER_REQUEST } from './details';
import { companyAsCustomer, contactAsCustomer, type FoundCustomer } from './searches';

type LinkedContact = FoundCustomer & { position?: string | null; decision_maker?: boolean | null };

/**
 * The people linked to the company, and its contact person: the only linked contact, or else the
 * decision maker (which only companies.info tells), or else the first linked one.
 */
async function linkedContacts(client: TeamleaderClient, companyId: string, call: CallOptions): Promise<{ contacts: LinkedContact[]; contact_person: LinkedContact | null }> {
  const linked = await collect(client.contacts.list({ filter: { company_id: companyId } }, call));
  const only = linked.length === 1 ? linked[0] : undefined;
  if (only) return { contacts: [contactAsCustomer(only)], contact_person: contactAsCustomer(only) };
  if (!linked.length) return { contacts: [], contact_person: null };
  const info = await client.companies.info(companyId, { includes: 'related_contacts' }, call);
  const related = info.related_contacts ?? [];
  const withLink = (c: (typeof linked)[number]): LinkedContact => {
    const link = related.find((r) => r.id === c.id);
    return { ...contactAsCustomer(c), position: link?.position ?? null, decision_maker: link?.is_decision_maker ?? null };
  };
  const pick = related.find((r) => r.is_decision_maker) ?? related[0];
  const chosen = linked.find((c) => c.id === pick?.id) ?? linked[0];
  return { contacts: linked.map(withLink), contact_person: chosen ? withLink(chosen) : null };
}

export const teamleaderCompaniesSource = defineNode({
  type: 'teamleader.source.companies',
  kind: 'source',
  app: 'teamleader',
  title: 'Companies from Teamleader',
  description:
    'Reads the companies added or changed in Teamleader since the last run. Each record is one company (key: its Teamleader id) in Teamleader’s shape — name, vat_number, emails, telephones, primary_address, language, tags, … — plus email (the primary one), contacts: every person linked to the company (first_name, last_name, name, email, telephones, position, decision_maker), and contact_person: the one to address (the only linked contact, else the decision maker); null when the company has none.',
  config: z.object({
    ...changesConfig('companies'),
    withContactPerson: z
      .boolean()
      .default(true)
      .meta(ui({ label: 'Read the contact people', help: 'The people linked to the company, and which of them is the contact person: one extra request per company (two when several people are linked). A company is read again when one of its people changed.' })),
  }),
  outputs: [{ name: 'out' }],
  // readChanges reads the records that failed last time again by id.
  rereadsFailed: true,
  labelOf: (data) => firstText(field(data, 'email'), field(data, 'name')),
  summary: (c) => `companies changed since the last run${c.withContactPerson ? ' · with contact person' : ''}${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
  check: checkConnection,
  async *run(ctx) {
    const client = await teamleaderClientFor(ctx, ctx.config.connection);
    const more = details(ctx, ctx.config.connection);
    const call = callOptions(ctx);
    const linked = new LinkedPeople(ctx);
    const complete = (items: TeamleaderCompanyListItem[]) =>
      mapLimited(items, 4, async (item) => {
        if (!ctx.config.withContactPerson) return companyAsCustomer(item);
        const people = await linkedContacts(client, item.id, call);
        linked.read(item.id, people.contacts);
        return { ...companyAsCustomer(item), ...people };
      });
    const listChanged = (since: string | undefined) => client.companies.list({ filter: since ? { updated_since: since } : {}, sort: [{ field: 'updated_at', order: 'asc' }] }, call);

    /** The companies of the people changed since they were last listed (the companies' `since` the first time), other than those `read` already. */
    async function* companiesOfChangedPeople(since: string | undefined, read: ReadonlySet<string>): AsyncGenerator<TeamleaderCompanyListItem> {
      const people = new ChangeCursor(ctx, 'people', PEOPLE_CURSOR, since === undefined ? undefined : { since, ids: [] });
      if (people.since === undefined) {
        // A first run reads every company with its people: from then on, the people changed after
        // the newest one Teamleader has now (its clock, not this computer's).
        // Every person of that second, as far as one page goes (beyond it, the next run reads a few again).
        let newest: string | null | undefined;
        let n = 0;
        for await (const person of client.contacts.list({ sort: [{ field: 'updated_at', order: 'desc' }] }, call)) {
          if ((newest !== undefined && person.updated_at !== newest) || ++n > defaultPageSize) break;
          newest = person.updated_at;
          people.take(person, false);
        }
        return people.save();
      }
      const changed: TeamleaderContactListItem[] = [];
      for await (const person of client.contacts.list({ filter: { updated_since: people.since }, sort: [{ field: 'updated_at', order: 'asc' }] }, call)) if (people.take(person, false)) changed.push(person);
      const links = await mapLimited(changed, 4, async (person) => {
        // Its companies when they were last read: one it was unlinked from since is read again too.
        const former = linked.companiesOf(person.id);
        try {
          return [...former, ...(await more.contact(person.id)).companies.map((c) => c.company.id)];
        } catch (error) {
          // Deleted since it was listed: it has no companies to bring any more, but its former ones.
          if (error instanceof TeamleaderNotFoundError) return former;
          throw error;
        }
      });
      const ids = [...new Set(links.flat())].filter((id) => !read.has(id));
      for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) yield* client.companies.list({ filter: { ids: ids.slice(i, i + IDS_PER_REQUEST) } }, call);
      people.save();
    }

    yield* readChanges<TeamleaderCompanyListItem>(ctx, {
      what: 'company',
      filtersBySince: true,
      items: listChanged,
      ...(ctx.config.withContactPerson ? { alsoRead: companiesOfChangedPeople } : {}),
      complete,
      // By the list, not companies.info: a record is built from the list's shape (primary_address, …).
      reread: rereadListed((ids) => client.companies.list({ filter: { ids } }, call), complete),
    });
    if (ctx.config.withContactPerson) linked.save();
  },
});

/**
 * Who was linked to each company when it was last read, kept in the node's cursors: a person
 * unlinked from a company changes (Teamleader marks the link on the person, not the company, [I])
 * but no longer names it, and the company's contact list in MplusKASSA would keep them. Only
 * companies with people are kept (a few dozen bytes each).
 */
class LinkedPeople {
  private readonly byCompany: Map<string, string[]>;
  /** The same by person, made when first asked and dropped at the next read: a mass edit of thousands of people would otherwise scan every company for each. */
  private byPerson: Map<string, string[]> | undefined;

  constructor(private readonly ctx: NodeRunContext<unknown>) {
    this.byCompany = new Map(parseLinks(ctx.cursor.get(LINKED_PEOPLE)));
  }

  /** The companies the person was linked to when they were last read. */
  companiesOf(personId: string): string[] {
    if (!this.byPerson) {
      this.byPerson = new Map();
      for (const [company, people] of this.byCompany) for (const person of people) this.byPerson.set(person, [...(this.byPerson.get(person) ?? []), company]);
    }
    return this.byPerson.get(personId) ?? [];
  }

  read(companyId: string, people: readonly { id: string }[]): void {
    this.byPerson = undefined;
    if (people.length) this.byCompany.set(companyId, people.map((p) => p.id));
    else this.byCompany.delete(companyId);
  }

  save(): void {
    this.ctx.cursor.set(LINKED_PEOPLE, JSON.stringify(Object.fromEntries(this.byCompany)));
  }
}

/** The stored links, or none when they are missing or not what save() writes (then a person's unlinking is seen once their company is read again). */
function parseLinks(text: string | undefined): Array<[string, string[]]> {
  if (text === undefined) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    return Object.entries(value).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((id) => typeof id === 'string'));
  } catch {
    return [];
  }
}

const LINKED_PEOPLE = 'linkedPeople';

/** Where the listing of the people changed stands (changes-source.ts), beside the companies' own. */
const PEOPLE_CURSOR = { since: 'peopleUpdatedSince', ids: 'peopleUpdatedSinceIds' };
