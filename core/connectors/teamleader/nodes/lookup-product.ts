/**
 * teamleader.lookup.product: are these products in Teamleader? By code (the SKU), exactly. The key
 * may give one code or a list (e.g. lines.sku: every product of an order), and the record is found
 * only when every code is, so an order is not sent on with a product Teamleader lacks.
 */
import { z } from 'zod';
import { emit } from '../../../engine/record';
import { defineNode } from '../../../nodes/define-node';
import { withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { keysOfBatch } from '../../shared/collection-index';
import { isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import { checkConnection, connectionField } from './connection-field';
import { details } from './details';
import { asField } from './lookup-support';
import { productSearch } from './searches';

export const teamleaderProductLookup = defineNode({
  type: 'teamleader.lookup.product',
  kind: 'lookup',
  app: 'teamleader',
  title: 'Find the products in Teamleader',
  description:
    'Looks products up in Teamleader by code (the SKU), exactly. The key gives one code (sku) or a list of codes (lines.sku, every line of an order); the record leaves by “found” only when every code is in Teamleader, else by “missing” with the codes that are not. Found records get the product (one code) or the list of products in the same order (several codes), each in Teamleader’s shape with its details: { id, code, name, description, selling_price, purchase_price, tax: { id, rate, percentage }, product_category: { id, name }, … }.',
  config: z.object({
    connection: connectionField,
    key: keyField('sku', 'The product code (SKU) in the record, or a list of codes, e.g. lines.sku.'),
    as: asField('teamleaderProduct', 'product (or products)'),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by code (${c.key})`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const products = productSearch(ctx, ctx.config.connection);
      const more = details(ctx, ctx.config.connection);
      const keyFor = keyOf(ctx);
      const codesOf = (key: unknown) => (Array.isArray(key) ? (key as unknown[]) : [key]).filter((k) => !isEmpty(k)).map((k) => String(k).trim());
      return {
        beforeBatch: async (batch) => products.expect(await keysOfBatch(batch, async (rec) => codesOf(await keyFor(rec)))),
        handle: async (rec) => {
          const key = await keyFor(rec);
          const many = Array.isArray(key);
          const codes = codesOf(key);
          if (!codes.length) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
          const found = await Promise.all(codes.map((code) => products.byCode(code)));
          const missing = codes.filter((_, i) => !found[i]);
          if (missing.length) {
            return emit(rec, rec.data, 'missing', { note: `no product with code ${missing.join(', ')} in Teamleader` });
          }
          const full = await Promise.all(found.map((p) => more.product(p?.id ?? '')));
          return emit(rec, withPath(rec.data, ctx.config.as, many ? full : full[0]), 'found');
        },
      };
    },
    { concurrency: () => 4 },
  ),
});
