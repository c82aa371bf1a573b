/** teamleader.source.contacts: the contacts (people) made or changed in Teamleader since the last run. */
import { z } from 'zod';
import { defineNode, ui } from '../../../nodes/define-node';
import { field, firstText } from '../../shared/record-label';
import { mapLimited } from '../../shared/run-cache';
import type { TeamleaderContactListItem } from '../schemas-responses';
import { changesConfig, readChanges, rereadListed } from './changes-source';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection } from './connection-field';
import { details } from './details';
import { contactAsCustomer } from './searches';

export const teamleaderContactsSource = defineNode({
  type: 'teamleader.source.contacts',
  kind: 'source',
  app: 'teamleader',
  title: 'Contacts from Teamleader',
  description:
    'Reads the contacts (people) added or changed in Teamleader since the last run. Each record is one contact (key: its Teamleader id) in Teamleader’s shape — first_name, last_name, emails, telephones, primary_address, language, tags, … — plus name (first and last name) and email (the primary one). With “Read details”, also all addresses (invoicing, delivery, …) and companies: the companies the person is linked to, so a flow can tell a company’s contact person from a private customer.',
  config: z.object({
    ...changesConfig('contacts'),
    details: z
      .boolean()
      .default(false)
      .meta(ui({ label: 'Read details', help: 'Also read every address and the linked companies (one extra request per contact).' })),
  }),
  outputs: [{ name: 'out' }],
  // readChanges reads the records that failed last time again by id.
  rereadsFailed: true,
  labelOf: (data) => firstText(field(data, 'email'), field(data, 'name')),
  summary: (c) => `contacts changed since the last run${c.details ? ' · with details' : ''}${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
  check: checkConnection,
  async *run(ctx) {
    const client = await teamleaderClientFor(ctx, ctx.config.connection);
    const more = details(ctx, ctx.config.connection);
    const call = callOptions(ctx);
    const complete = (items: TeamleaderContactListItem[]) =>
      mapLimited(items, 4, async (item) => {
        const base = contactAsCustomer(item);
        if (!ctx.config.details) return base;
        const info = await more.contact(item.id);
        return { ...base, ...info, name: base.name, email: base.email };
      });
    yield* readChanges<TeamleaderContactListItem>(ctx, {
      what: 'contact',
      filtersBySince: true,
      // Oldest change first: a contact changed while the pages are read moves to the end, not out of reach.
      items: (since) => client.contacts.list({ filter: since ? { updated_since: since } : {}, sort: [{ field: 'updated_at', order: 'asc' }] }, call),
      complete,
      // By the list, not contacts.info: a record is built from the list's shape (primary_address, …).
      reread: rereadListed((ids) => client.contacts.list({ filter: { ids } }, call), complete),
    });
  },
});
