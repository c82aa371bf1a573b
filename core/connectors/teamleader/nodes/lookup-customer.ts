/**
 * teamleader.lookup.customer: is this customer in Teamleader? By email address: a company with
 * that primary email, or else a contact with it. Found records carry the customer; missing ones go
 * on by "missing", e.g. to the customer target that creates them.
 */
import { z } from 'zod';
import { emit } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { keysOfBatch } from '../../shared/collection-index';
import { isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import { checkConnection, connectionField } from './connection-field';
import { asField } from './lookup-support';
import { customerSearch, normaliseEmail } from './searches';

const SEARCH_WORDS = { 'company-or-contact': 'company, else contact', company: 'companies only', contact: 'contacts only' } as const;

export const teamleaderCustomerLookup = defineNode({
  type: 'teamleader.lookup.customer',
  kind: 'lookup',
  app: 'teamleader',
  title: 'Find the customer in Teamleader',
  description:
    'Looks the customer up in Teamleader by email address (exactly, ignoring capitals and spaces): first a company with that primary email, then a contact. Found records get the customer in the chosen field: { type: "company" or "contact", id, name, email, … and the rest of Teamleader’s record } — type and id are what an invoice or quotation needs. Customers Teamleader does not have leave by “missing”.',
  config: z.object({
    connection: connectionField,
    key: keyField('email', 'The email address of the customer in the record, e.g. customer.email.'),
    search: z
      .enum(['company-or-contact', 'company', 'contact'])
      .default('company-or-contact')
      .meta(ui({ label: 'Look among', help: 'company-or-contact: a company with the email, else a contact with it; or only companies, or only contacts.' })),
    as: asField('teamleaderCustomer', 'customer'),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by email (${c.key}) · ${SEARCH_WORDS[c.search]}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const { as, search } = ctx.config;
      const customers = customerSearch(ctx, ctx.config.connection);
      const keyFor = keyOf(ctx);
      return {
        beforeBatch: async (batch) =>
          customers.expect(
            await keysOfBatch(batch, async (rec) => {
              const key = await keyFor(rec);
              return isEmpty(key) ? [] : [normaliseEmail(key)];
            }),
          ),
        handle: async (rec) => {
          const key = await keyFor(rec);
          if (isEmpty(key)) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
          const email = normaliseEmail(key);
          const found = (search !== 'contact' ? await customers.company(email) : null) ?? (search !== 'company' ? await customers.contact(email) : null);
          if (!found) return emit(rec, rec.data, 'missing', { note: `no ${search === 'company-or-contact' ? 'company or contact' : search} with email ${email} in Teamleader` });
          return emit(rec, withPath(rec.data, as, found), 'found', { note: `${found.type} ${found.name}` });
        },
      };
    },
    { concurrency: () => 4 },
  ),
});
