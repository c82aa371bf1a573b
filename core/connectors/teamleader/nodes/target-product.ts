/**
 * teamleader.target.product: creates or updates the product in Teamleader, found by its code (the
 * SKU). "Update product information" off leaves existing products exactly as they are (data enriched
 * in Teamleader later is not overwritten); new ones are still created. Teamleader's API cannot make
 * product categories: a category given by name is matched to an existing one, and an unknown name
 * is noted on the record while the product is saved without a category.
 */
import { z } from 'zod';
import type { Rec } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { keysOfBatch } from '../../shared/collection-index';
import { ledgerKnows, modeInWords, outcomeOf, sourceIds } from '../../shared/target-support';
import { currency } from '../schemas-common';
import { checkConnection, connectionField, teamleaderScope } from './connection-field';
import { productPayload, productWriter } from './product-write';
import { attachAsField, modeField, payloadField, payloadOf, sourceIdField } from './target-support';

export const teamleaderProductTarget = defineNode({
  type: 'teamleader.target.product',
  kind: 'target',
  app: 'teamleader',
  title: 'Create or update the product in Teamleader',
  description:
    'Finds the product in Teamleader by its code (the SKU) and creates it when it is missing, or updates it. The product to send: { code (required), name, description, selling_price and purchase_price (euros without VAT: a number, or { amount, currency }), tax_rate (the VAT percentage, e.g. 21; or tax_rate_id), category (the name of an existing product category; or product_category_id), stock (a number), unit_of_measure_id }. The VAT percentage must be a tax rate of the department; an unknown one fails the record, naming it. Teamleader cannot make categories: an unknown category name is noted on the record and the product is saved without one. The record goes on with the product’s Teamleader id.',
  config: z.object({
    connection: connectionField,
    payload: payloadField('product'),
    sourceId: sourceIdField('What identifies the product in the id ledger; the product code (SKU) when empty.'),
    mode: modeField('product', 'upsert'),
    updateProductInformation: z
      .boolean()
      .default(true)
      .meta(ui({ label: 'Update product information', help: 'Off: products already in Teamleader keep all their fields (and are passed on with their id); only new products are created.' })),
    department: z.string().optional().meta(ui({ label: 'Department', placeholder: '(the default department)', help: 'Whose tax rates the VAT percentages are (its name or id).' })),
    currency: currency.default('EUR').meta(ui({ label: 'Currency of plain amounts' })),
    attachAs: attachAsField('teamleaderProductId', 'product id'),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `by code · ${c.updateProductInformation || c.mode === 'create' ? modeInWords(c.mode) : 'create, leave existing ones'}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const writer = productWriter(ctx, c);
      const ids = sourceIds(ctx);
      // The codes of the products the id ledger does not know yet: those are looked for in Teamleader.
      const beforeBatch = async (batch: Rec[]) =>
        writer.expect(
          await keysOfBatch(batch, async (rec) => {
            const { code } = payloadOf(rec, c.payload, 'product', productPayload);
            return ledgerKnows(ctx, teamleaderScope(c.connection), 'product', await ids.of(rec, code)) ? [] : [code];
          }),
        );
      const handle = async (rec: Rec) => {
        const p = payloadOf(rec, c.payload, 'product', productPayload);
        const at = (field: string) => (c.payload ? `${c.payload}.${field}` : field);
        const { result, note } = await writer.write(p, await ids.of(rec, p.code), at);
        return outcomeOf(rec, result, {
          attachAs: c.attachAs,
          passExistingWith: c.updateProductInformation || c.mode === 'create' ? undefined : 'the product is in Teamleader; product information is not updated',
          note,
        });
      };
      return { beforeBatch, handle };
    },
    { concurrency: () => 4 },
  ),
});
