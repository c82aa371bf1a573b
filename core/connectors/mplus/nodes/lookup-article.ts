/**
 * mplus.lookup.article: does this product exist in MplusKASSA? By article number (the SKU, digits
 * only). The key may also give a list (every SKU of an order's lines): the record is found only
 * when every article exists, so an order is not confirmed with an unknown product.
 */
import { z } from 'zod';
import { emit } from '../../../engine/record';
import { defineNode } from '../../../nodes/define-node';
import { withPath } from '../../../nodes/expressions';
import { perRecord } from '../../../nodes/per-record';
import { articleNumberOf, articleSearch } from './article-search';
import { checkConnection, connectionField } from './connection-field';
import { isEmpty, keyField, keyOf, lookupOutputs } from '../../shared/lookup-support';
import { asField } from './lookup-support';

export const mplusArticleLookup = defineNode({
  type: 'mplus.lookup.article',
  kind: 'lookup',
  app: 'mplus',
  title: 'Find the product in MplusKASSA',
  description:
    'Looks the product up in MplusKASSA by article number (the SKU; MplusKASSA accepts digits only, so a SKU like TEA-POT-8 fails the record with that reason) and puts the article (description, priceExcl, priceIncl in cents, vatCode, barcode, …, product { productNumber, groupNumbers }) in the record. The key may give a list of SKUs (e.g. lines.sku): then the list of articles is put in the record, and the record is “missing” when one of them does not exist.',
  config: z.object({
    connection: connectionField,
    key: keyField('sku', 'The SKU (article number) in the record, or a list of them, e.g. lines.sku.'),
    as: asField('article', 'article'),
  }),
  outputs: lookupOutputs,
  summary: (c) => `by article number (${c.key})`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const search = articleSearch(ctx, ctx.config.connection);
      const keyFor = keyOf(ctx);
      return async (rec) => {
        const key = await keyFor(rec);
        const many = Array.isArray(key);
        const skus: unknown[] = many ? key : [key];
        if (skus.length === 0 || skus.some(isEmpty)) return emit(rec, rec.data, 'missing', { note: `${ctx.config.key} is empty` });
        const numbers = skus.map(articleNumberOf);
        const articles = await search.find(numbers);
        const absent = numbers.filter((_, i) => articles[i] === null);
        if (absent.length > 0) return emit(rec, rec.data, 'missing', { note: `no article ${[...new Set(absent)].join(', ')} in MplusKASSA` });
        return emit(rec, withPath(rec.data, ctx.config.as, many ? articles : articles[0]), 'found');
      };
    },
    { concurrency: () => 4 },
  ),
});
