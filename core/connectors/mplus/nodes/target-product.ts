/**
 * mplus.target.product: creates or updates the article in MplusKASSA, matched by article number
 * (the SKU; MplusKASSA accepts digits only). A new article gets a product of its own. With
 * "update product information" off, articles that exist keep their fields (data enriched in
 * MplusKASSA is not overwritten) and only new ones are created.
 */
import { z } from 'zod';
import { RecordError } from '../../../engine/record';
import { defineNode, ui } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { modeInWords, outcomeOf, sourceIds } from '../../shared/target-support';
import type { MplusArticleInput, MplusProductInput } from '../schemas';
import { articleNumberOf, articleSearch } from './article-search';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField, mplusScope } from './connection-field';
import { numericId, payloadOf, targetFields } from './target-support';
import { checkShape, vendorWrite } from './vendor-errors';

/** The product fields a payload may set beside the article's (the products source's `product`). */
const productPart = z.looseObject({ description: z.string().optional(), extraText: z.string().optional(), groupNumbers: z.array(z.number().int()).optional() });

/** The article's prices: whole cents in MplusKASSA (xs:long). */
const PRICE_FIELDS = ['priceExcl', 'priceIncl', 'purchasePrice'] as const;

/**
 * A price in cents as MplusKASSA holds it: whole. A price computed from euros (19.99 × 100 is
 * 1998.9999999999998 in binary) is taken as the whole cents it means; one with a real fraction of a
 * cent (a Teamleader price of €0.125) is refused, never rounded: rounded, it would change the
 * product's price, and a flow the other way would then write the rounded price back over the
 * original (the same rule as for SKUs with leading zeros).
 */
function wholeCents(field: string, value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value)) return value;
  const whole = Math.round(value);
  if (Math.abs(value - whole) < 1e-6) return whole;
  const euros = (value / 100).toFixed(6).replace(/0+$/, '');
  throw new RecordError(`the price €${euros} has a fraction of a cent; MplusKASSA holds prices in whole cents, so it would change: give the product a price in whole cents`, field);
}

/**
 * The article to update with, its other price kept as it is when the price sent did not change:
 * MplusKASSA computes a price left out from the one sent, so an excl. price sent again as it was
 * (€8.26, from Teamleader) would turn a till price of €10.00 into €9.99 (8.26 × 1.21). Both are sent
 * then, as they stand. A price that did change is sent alone, and MplusKASSA computes the other.
 */
export function keepingTillPrice<A extends MplusArticleInput>(article: A, existing: MplusArticleInput | null | undefined): A {
  if (!existing) return article;
  const sameExcl = article.priceExcl !== undefined && article.priceIncl === undefined && article.priceExcl === existing.priceExcl && existing.priceIncl !== undefined;
  if (sameExcl) return { ...article, priceIncl: existing.priceIncl };
  const sameIncl = article.priceIncl !== undefined && article.priceExcl === undefined && article.priceIncl === existing.priceIncl && existing.priceExcl !== undefined;
  return sameIncl ? { ...article, priceExcl: existing.priceExcl } : article;
}

export function articleFrom(payload: Record<string, unknown>): { article: MplusArticleInput & { articleNumber: number }; product: MplusProductInput } {
  const { product: rawProduct, ...fields } = payload;
  if (fields['articleNumber'] === undefined || fields['articleNumber'] === null || fields['articleNumber'] === '') {
    throw new RecordError('the product has no articleNumber (its SKU)', 'articleNumber');
  }
  const parsed = productPart.safeParse(rawProduct ?? {});
  if (!parsed.success) throw new RecordError(`the product part of the payload is not valid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message ?? ''}`.trim(), 'product');
  // Only the header fields a product can be given; what the products source adds (productNumber, syncMarker) is not sent.
  const { description, extraText, groupNumbers } = parsed.data;
  for (const field of PRICE_FIELDS) if (field in fields) fields[field] = wholeCents(field, fields[field]);
  const article = { ...fields, articleNumber: articleNumberOf(fields['articleNumber']) } as MplusArticleInput & { articleNumber: number };
  const product: MplusProductInput = {
    ...(description !== undefined ? { description } : {}),
    ...(extraText !== undefined ? { extraText } : {}),
    ...(groupNumbers !== undefined ? { groupNumbers } : {}),
  };
  return { article, product };
}

export const mplusProductTarget = defineNode({
  type: 'mplus.target.product',
  kind: 'target',
  app: 'mplus',
  title: 'Create or update the product in MplusKASSA',
  description:
    'Finds the article in MplusKASSA by article number (the SKU, digits only) and creates it when it is missing, or updates it. The product to send is MplusKASSA’s article shape: articleNumber (required), description, invoiceText, receiptText, extraText, barcode (EAN), priceExcl or priceIncl in whole cents (a price with a fraction of a cent fails the record, never rounded), vatCode, turnoverGroup, pluNumber, … and optionally product { description, groupNumbers } (the article groups) — the shape “Products from MplusKASSA” gives. The article number is put in the record.',
  config: z.object({
    connection: connectionField,
    ...targetFields('product', { mode: 'upsert', attachAs: 'mplusArticleNumber' }),
    updateProductInformation: z
      .boolean()
      .default(true)
      .meta(ui({ label: 'Update product information', help: 'Off: products already in MplusKASSA keep their fields (so what was added there is not overwritten); only new products are created.' })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `by article number · ${c.updateProductInformation || c.mode === 'create' ? modeInWords(c.mode) : 'create, leave existing ones'}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const search = articleSearch(ctx, c.connection);
      const ids = sourceIds(ctx);
      return async (rec) => {
        const { article, product } = articleFrom(payloadOf(rec, c.payload, 'product'));
        const articleNumber = article.articleNumber;
        const newProduct: MplusProductInput = { ...product, description: product.description ?? article.description, articleList: [article] };
        checkShape('createProduct', { product: newProduct }, 'product');
        const client = await mplusClientFor(ctx, c.connection);
        const result = await writeWithLedger(ctx, {
          record: rec,
          scope: mplusScope(c.connection),
          entity: 'article',
          sourceId: await ids.of(rec, rec.key),
          payload: { ...article, product },
          mode: c.mode,
          find: async () => ((await search.find([articleNumber]))[0] ? String(articleNumber) : undefined),
          create: async () => {
            const created = await vendorWrite('product', () => client.createProduct(newProduct));
            search.forget(articleNumber);
            return { id: String(articleNumber), answer: created };
          },
          update: c.updateProductInformation
            ? async () => {
                const [existing] = await search.find([articleNumber]);
                const productNumber = existing?.product.productNumber;
                if (productNumber === undefined) throw new RecordError(`article ${articleNumber} is no longer in MplusKASSA`);
                const answer = await vendorWrite('product', () => client.updateProduct({ ...product, productNumber, articleList: [keepingTillPrice(article, existing)] }));
                search.forget(articleNumber);
                return { answer };
              }
            : undefined,
        });
        return outcomeOf(rec, result, {
          attachAs: c.attachAs,
          idValue: numericId,
          passExistingWith: c.updateProductInformation || c.mode === 'create' ? undefined : 'the product exists in MplusKASSA; product information is not updated',
        });
      };
    },
    { concurrency: () => 4 },
  ),
});
