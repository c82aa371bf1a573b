/**
 * teamleader.target.product: creates or updates the product in Teamleader, found by its code (the
 * SKU). "Update product information" off leaves existing products exactly as they are (data enriched
 * in Teamleader later is not overwritten); new ones are still created. Teamleader's API cannot make
 * product categories: a category given by name is matched to an existing one, and an unknown name
 * is noted on the record while the product is saved without a category.
 */
import { z } from 'zod';
import { RecordError } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { currency, id as teamleaderId, money, type CurrencyCode } from '../schemas-common';
import type { ProductAddInput } from '../schemas-requests';
import { callOptions, teamleaderClientFor } from './client-for';
import { checkConnection, connectionField, teamleaderScope } from './connection-field';
import { percentageOf, referenceData } from './reference-data';
import { productSearch } from './searches';
import { attachAsField, defined, modeField, modeInWords, outcomeOf, payloadField, payloadOf, sourceIdField, sourceIds } from './target-support';
import { vendorWrite } from './vendor-errors';

const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().nullish());
/** Euros without VAT as a number, or Teamleader's { amount, currency }. */
const price = z.union([z.number(), money.extend({ currency: currency.optional() })]).nullish();

export const productPayload = z.object({
  code: z.preprocess((v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : v), z.string({ error: 'is required: products are found by their code (SKU)' }).min(1, 'is required: products are found by their code (SKU)')),
  name: text,
  description: text,
  selling_price: price,
  purchase_price: price,
  /** The VAT percentage (21, "21%"), mapped to the department's tax rate. */
  tax_rate: z.union([z.number(), z.string()]).nullish(),
  tax_rate_id: teamleaderId.optional(),
  /** The name of an existing product category. */
  category: text,
  product_category_id: teamleaderId.optional(),
  stock: z.union([z.number(), z.object({ amount: z.number().nullable() })]).nullish(),
  unit_of_measure_id: teamleaderId.nullish(),
});
type ProductPayload = z.output<typeof productPayload>;

const toMoney = (value: ProductPayload['selling_price'], fallback: CurrencyCode) =>
  value === null || value === undefined ? undefined : typeof value === 'number' ? { amount: value, currency: fallback } : { amount: value.amount, currency: value.currency ?? fallback };

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
      const products = productSearch(ctx, c.connection);
      const reference = referenceData(ctx, c.connection);
      const ids = sourceIds(ctx);
      const call = callOptions(ctx);
      return async (rec) => {
        const p = payloadOf(rec, c.payload, 'product', productPayload);
        const at = (field: string) => (c.payload ? `${c.payload}.${field}` : field);
        let note: string | undefined;

        let taxRateId = p.tax_rate_id;
        if (!taxRateId && p.tax_rate !== null && p.tax_rate !== undefined) {
          const percentage = percentageOf(p.tax_rate);
          if (percentage === undefined) throw new RecordError(`the tax rate "${String(p.tax_rate)}" is not a percentage`, at('tax_rate'));
          taxRateId = await reference.taxRateId(await reference.department(c.department), percentage, at('tax_rate'));
        }
        let categoryId = p.product_category_id;
        if (!categoryId && p.category) {
          const wanted = p.category.toLowerCase();
          categoryId = (await reference.categories()).find((cat) => cat.name.trim().toLowerCase() === wanted)?.id;
          if (!categoryId) note = `there is no product category "${p.category}" in Teamleader, and Teamleader's API cannot make one; the product was saved without a category`;
        }
        const stock = p.stock === null || p.stock === undefined ? undefined : typeof p.stock === 'number' ? { amount: p.stock } : p.stock;
        const body: ProductAddInput = defined({
          code: p.code,
          name: p.name ?? undefined,
          description: p.description ?? undefined,
          selling_price: toMoney(p.selling_price, c.currency),
          purchase_price: toMoney(p.purchase_price, c.currency),
          tax_rate_id: taxRateId,
          product_category_id: categoryId,
          stock,
          unit_of_measure_id: p.unit_of_measure_id ?? undefined,
        });

        const client = await teamleaderClientFor(ctx, c.connection);
        const result = await writeWithLedger(ctx, {
          scope: teamleaderScope(c.connection),
          entity: 'product',
          sourceId: await ids.of(rec, p.code),
          payload: body,
          mode: c.mode,
          find: async () => (await products.byCode(p.code))?.id,
          create: async () => {
            const id = await vendorWrite('product', () => client.products.add(body, call));
            products.remember(p.code, { id, code: p.code, name: p.name ?? null });
            return { id };
          },
          update: c.updateProductInformation
            ? async (id) => {
                await vendorWrite('product', () => client.products.update({ id, ...body }, call));
                return {};
              }
            : undefined,
        });
        return outcomeOf(rec, result, {
          attachAs: c.attachAs,
          passExistingWith: c.updateProductInformation || c.mode === 'create' ? undefined : 'the product is in Teamleader; product information is not updated',
          note,
        });
      };
    },
    { concurrency: () => 4 },
  ),
});
