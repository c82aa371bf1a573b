/**
 * Writing one product to Teamleader, found by its code: the tax rate mapped from a VAT percentage,
 * the category matched by name (Teamleader's API cannot make categories: an unknown one is noted),
 * and the write through the id ledger. Shared by the product target and the order-products target.
 */
import { z } from 'zod';
import { RecordError } from '../../../engine/record';
import type { NodeRunContext } from '../../../nodes/define-node';
import { writeWithLedger, type WriteMode, type WriteResult } from '../../../nodes/target-write';
import { currency, id as teamleaderId, money, type CurrencyCode } from '../schemas-common';
import type { ProductAddInput } from '../schemas-requests';
import { callOptions, teamleaderClientFor } from './client-for';
import { teamleaderScope } from './connection-field';
import { percentageOf, referenceData } from './reference-data';
import { productSearch } from './searches';
import { createdAnswer, defined, updatedAnswer } from './target-support';
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
export type ProductPayload = z.output<typeof productPayload>;

const toMoney = (value: ProductPayload['selling_price'], fallback: CurrencyCode) =>
  value === null || value === undefined ? undefined : typeof value === 'number' ? { amount: value, currency: fallback } : { amount: value.amount, currency: value.currency ?? fallback };

export interface ProductWriteOptions {
  connection: string;
  mode: WriteMode;
  updateProductInformation: boolean;
  department?: string | undefined;
  currency: CurrencyCode;
}

export interface ProductWriter {
  /** `at` names a payload field for messages (e.g. "product.tax_rate" or "lines[2].product.tax_rate"). */
  write(p: ProductPayload, sourceId: string, at: (field: string) => string): Promise<{ result: WriteResult; note?: string }>;
  /** The product's id when Teamleader has it (searched once per run). */
  find(code: string): Promise<string | undefined>;
  /** The codes records coming soon write or look for (a run with many reads the products in bulk). */
  expect(codes: Iterable<string>): void;
}

export function productWriter(ctx: NodeRunContext<unknown>, c: ProductWriteOptions): ProductWriter {
  const products = productSearch(ctx, c.connection);
  const reference = referenceData(ctx, c.connection);
  const call = callOptions(ctx);
  return {
    find: async (code) => (await products.byCode(code))?.id,
    expect: (codes) => products.expect(codes),
    async write(p, sourceId, at) {
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
        sourceId,
        payload: body,
        mode: c.mode,
        find: async () => (await products.byCode(p.code))?.id,
        create: async () => {
          const id = await products.write(() => vendorWrite('product', () => client.products.add(body, call)));
          products.remember(p.code, { id, code: p.code, name: p.name ?? null, configuration: null });
          return { id, answer: createdAnswer('product', id) };
        },
        update: c.updateProductInformation
          ? async (id) => {
              await products.write(() => vendorWrite('product', () => client.products.update({ id, ...body }, call)));
              return { answer: updatedAnswer };
            }
          : undefined,
      });
      return { result, ...(note ? { note } : {}) };
    },
  };
}
