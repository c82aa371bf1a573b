/**
 * mplus.target.invoice: books the invoice in MplusKASSA (saveInvoice), recognised by its
 * extInvoiceId (unique forever). By default an invoice that exists is skipped as already synced.
 */
import { z } from 'zod';
import { RecordError, RecordGoneError } from '../../../engine/record';
import { defineNode } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { findFirst } from '../../shared/origin-marker';
import { modeInWords, outcomeOf, sourceIds } from '../../shared/target-support';
import type { MplusInvoiceInput } from '../schemas';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField, mplusScope } from './connection-field';
import { documentsByExternalId, employeeNumberField, externalIdOf, fittedToTotals, relationNumberOf, sourceTotalOf, vatPercentagesOf, withCheckableRelation } from './document-support';
import { payloadOf, targetFields } from './target-support';
import { checkShape, vendorWrite } from './vendor-errors';

export const mplusInvoiceTarget = defineNode({
  type: 'mplus.target.invoice',
  kind: 'target',
  app: 'mplus',
  title: 'Create the invoice in MplusKASSA',
  description:
    'Books the invoice in MplusKASSA, once: an invoice whose extInvoiceId is already there is skipped as already synced. The invoice to send is MplusKASSA’s invoice shape: extInvoiceId (when absent: Sincro’s origin marker of the document it came from, e.g. “Teamleader invoice …”), relationNumber (required), employeeNumber (else the one set here), financialDate and dueDate (YYYY-MM-DD), reference, vatMethod, invoiceAddress, and lineList: [{ articleNumber, text, data: { quantity, price (incl. VAT) or priceExcl, in cents } }]. The MplusKASSA invoiceId is put in the record.',
  config: z.object({
    connection: connectionField,
    ...targetFields('invoice', { mode: 'create', attachAs: 'mplusInvoiceId' }),
    employeeNumber: employeeNumberField,
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `by extInvoiceId · ${modeInWords(c.mode)} · employee ${c.employeeNumber}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const ids = sourceIds(ctx);
      const vatPercentages = vatPercentagesOf(ctx, c.connection);
      const found = documentsByExternalId(ctx, c.connection, 'invoice');
      return async (rec) => {
        const given = payloadOf(rec, c.payload, 'invoice');
        const fitted = await fittedToTotals(given, vatPercentages);
        const payload = fitted.document;
        const external = externalIdOf(payload, 'extInvoiceId', 'invoice', rec.origin);
        const extInvoiceId = external.value;
        // A placeholder text only in a dry run, which sends nothing.
        const relationNumber = relationNumberOf(payload, 'invoice', ctx.dryRun);
        if (payload['invoiceId']) throw new RecordError('the invoice carries an invoiceId; leave it out, MplusKASSA assigns it', 'invoiceId');
        const invoice = { ...payload, extInvoiceId, relationNumber, employeeNumber: payload['employeeNumber'] ?? c.employeeNumber } as MplusInvoiceInput;
        checkShape('saveInvoice', { invoice: withCheckableRelation(invoice) }, 'invoice');
        const client = await mplusClientFor(ctx, c.connection);
        // Written or perhaps written (an answer lost): what the look-ups found for it is stale.
        const forgetFound = () => external.searchValues.forEach((id) => found.delete(id));
        const result = await writeWithLedger(ctx, {
          scope: mplusScope(c.connection),
          entity: 'invoice',
          sourceId: await ids.of(rec, rec.key),
          // Noted with it in the ledger: read back, it is this document's copy, also with its marker edited away.
          origin: rec.origin,
          total: sourceTotalOf(given),
          payload: invoice,
          mode: c.mode,
          find: async () => (await findFirst(external.searchValues, (id) => client.findInvoice(id)))?.invoiceId,
          create: async () => {
            const saved = await vendorWrite('invoice', () => client.saveInvoice(invoice));
            return { id: saved.invoiceId, answer: saved };
          },
          update: async (invoiceId) => {
            // An update must carry the counters MplusKASSA last gave the invoice (optimistic locking).
            const [current] = await client.getInvoices({ invoiceIds: [invoiceId], includeLineList: false });
            if (!current) throw new RecordGoneError(`invoice ${invoiceId} is no longer in MplusKASSA`);
            const saved = await vendorWrite('invoice', () => client.saveInvoice({ ...invoice, invoiceId, changeCounter: current.changeCounter, versionNumber: current.versionNumber }));
            return { answer: saved };
          },
        }).finally(forgetFound);
        return outcomeOf(rec, result, { attachAs: c.attachAs, note: fitted.note });
      };
    },
    { concurrency: () => 4 },
  ),
});
