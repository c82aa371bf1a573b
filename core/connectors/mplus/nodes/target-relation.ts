/**
 * mplus.target.relation: creates or updates the customer in MplusKASSA, matched by email. With a
 * company name it becomes a company relation with the person as its contact, otherwise a person
 * (MplusKASSA has no person/company flag: a company is a relation with a companyName).
 */
import { z } from 'zod';
import { RecordError } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { joinPersonName } from '../../shared/person-name';
import { modeInWords, outcomeOf, sourceIds } from '../../shared/target-support';
import type { MplusRelationInput } from '../schemas';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField, mplusScope } from './connection-field';
import { normaliseEmail, relationSearch } from './relation-search';
import { numericId, payloadOf, targetFields } from './target-support';
import { checkShape, vendorWrite } from './vendor-errors';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v).trim());

/** The relation to send: firstName/lastName joined, and a company's person moved to `contact`. */
export function relationFrom(payload: Record<string, unknown>): { relation: MplusRelationInput; email: string } {
  const { firstName, lastName, ...fields } = payload;
  const email = text(fields['email']);
  if (!email) throw new RecordError('the customer has no email address; MplusKASSA customers are matched by email', 'email');
  const person = text(fields['name']) || joinPersonName(firstName, lastName);
  const company = text(fields['companyName']);
  if (company) {
    // The company's own name in `name` is not a contact person: a company without one stays so.
    const contact = text(fields['contact']) || (person !== company ? person : '');
    // Sent with its people, a company none of whom is its contact person has none: the one it had may have left.
    const noneLeft = !contact && Array.isArray(fields['contactList']);
    return { email, relation: { ...fields, email, name: company, companyName: company, ...(contact || noneLeft ? { contact } : {}) } };
  }
  if (!person) throw new RecordError('the customer has no name and no company name', 'name');
  const { companyName: _none, ...personFields } = fields;
  return { email, relation: { ...personFields, email, name: person } };
}

export const mplusRelationTarget = defineNode({
  type: 'mplus.target.relation',
  kind: 'target',
  app: 'mplus',
  title: 'Create or update the customer in MplusKASSA',
  description:
    'Finds the customer in MplusKASSA by email address and creates it when it is missing, or updates it. The customer to send is MplusKASSA’s relation shape: email (required), name (or firstName and lastName), companyName, contact, address, zipcode, city, country, telephone, mobile, vatNumber, … With a companyName the customer becomes a company relation with the person (name, or contact) as its contact; without one, a person. The relation number is put in the record for the order after it.',
  config: z.object({
    connection: connectionField,
    ...targetFields('customer', {
      mode: 'upsert',
      attachAs: 'mplusRelationNumber',
      sourceIdHelp: 'What identifies the customer in the id ledger; the email address when empty, so all orders of one customer share one customer.',
    }),
    updateExisting: z
      .boolean()
      .default(true)
      .meta(ui({ label: 'Update existing customers', help: 'Off: customers already in MplusKASSA are left as they are (and still passed on with their number); only new ones are created.' })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `by email · ${c.updateExisting || c.mode === 'create' ? modeInWords(c.mode) : 'create, leave existing ones'}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const search = relationSearch(ctx, c.connection);
      const ids = sourceIds(ctx);
      return async (rec) => {
        const { relation, email } = relationFrom(payloadOf(rec, c.payload, 'customer'));
        checkShape('createRelation', { relation }, 'customer');
        const client = await mplusClientFor(ctx, c.connection);
        const result = await writeWithLedger(ctx, {
          record: rec,
          scope: mplusScope(c.connection),
          entity: 'relation',
          sourceId: await ids.of(rec, normaliseEmail(email)),
          payload: relation,
          mode: c.mode,
          find: async () => {
            const found = await search.byEmail(email);
            return found?.relationNumber === undefined ? undefined : String(found.relationNumber);
          },
          create: async () => {
            // An empty contact only clears one an existing relation has: a new one is sent without it.
            const { contact, ...rest } = relation;
            const created = await vendorWrite('customer', () => client.createRelation(contact === '' ? rest : relation));
            search.remember({ ...relation, relationNumber: created.relationNumber, cardNumbers: [] });
            return { id: String(created.relationNumber), answer: created };
          },
          update: c.updateExisting
            ? async (id) => {
                const relationNumber = Number(id);
                const answer = await vendorWrite('customer', () => client.updateRelation({ ...relation, relationNumber }));
                search.remember({ ...relation, relationNumber, cardNumbers: [] });
                return { answer };
              }
            : undefined,
        });
        return outcomeOf(rec, result, {
          attachAs: c.attachAs,
          idValue: numericId,
          passExistingWith: c.updateExisting || c.mode === 'create' ? undefined : 'the customer exists in MplusKASSA; existing customers are not updated',
        });
      };
    },
    { concurrency: () => 4 },
  ),
});
