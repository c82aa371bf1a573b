/**
 * mplus.lookup.relation: is this customer in MplusKASSA? By email (exact, ignoring case and
 * spaces) or by relation number. Found records carry the relation; missing ones go on by
 * "missing", e.g. to the relation target that creates them. A customer found by email fails when
 * another relation has that email too (relation-search.ts); one found by number does so when
 * `sharedEmail` says "fail": a flow that writes it elsewhere by email would make the two one.
 */
import { z } from 'zod';
import { emit, RecordError } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { checkConnection, connectionField } from './connection-field';
import { isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import { asField } from './lookup-support';
import { normaliseEmail, relationSearch } from './relation-search';

export const mplusRelationLookup = defineNode({
  type: 'mplus.lookup.relation',
  kind: 'lookup',
  app: 'mplus',
  title: 'Find the customer in MplusKASSA',
  description:
    'Looks the customer up in MplusKASSA by email address (exactly, ignoring capitals and spaces) or by relation number, and puts the relation (name, companyName, email, address, …, relationNumber) in the record. Customers MplusKASSA does not have leave by “missing”.',
  config: z.object({
    connection: connectionField,
    by: z.enum(['email', 'relationNumber']).default('email').meta(ui({ label: 'Match by', help: 'email: the customer’s email address; relationNumber: MplusKASSA’s customer number.' })),
    key: keyField('email', 'The email address (or relation number) of the customer in the record, e.g. customer.email.'),
    as: asField('relation', 'customer'),
    sharedEmail: z
      .enum(['pass', 'fail'])
      .default('pass')
      .meta(
        ui({
          label: 'A customer whose email another customer has too',
          help: 'fail: the record fails, naming both customers. Choose it when the customer is matched by email further on (Teamleader knows one contact per email, so the two would become one and their sales would be booked on one name). pass: it goes on. Found by email, such a customer always fails, as which one is meant cannot be told.',
          showWhen: { by: ['relationNumber'] },
        }),
      ),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by ${c.by === 'email' ? 'email' : 'relation number'} (${c.key})`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const { by, as } = ctx.config;
      const search = relationSearch(ctx, ctx.config.connection);
      const keyFor = keyOf(ctx);
      return async (rec) => {
        const key = await keyFor(rec);
        if (isEmpty(key)) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
        let found;
        if (by === 'email') found = await search.byEmail(normaliseEmail(key));
        else {
          const text = String(key).trim();
          if (!/^\d+$/.test(text)) throw new RecordError(`relation number ${text} is not a number; MplusKASSA relation numbers are digits only`);
          found = await search.byNumber(Number(text));
        }
        if (!found) return emit(rec, rec.data, 'missing', { note: `no customer with ${by === 'email' ? 'email' : 'relation number'} ${String(key).trim()} in MplusKASSA` });
        if (by === 'relationNumber' && ctx.config.sharedEmail === 'fail') await search.checkOwnEmail(found);
        return emit(rec, withPath(rec.data, as, found), 'found');
      };
    },
    { concurrency: () => 4 },
  ),
});
