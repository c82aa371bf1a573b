/**
 * Finding articles by article number (the SKU on the MplusKASSA side), once per run and number and
 * several numbers in one call, shared by the article lookup and the product target.
 */
import { RecordError } from '../../../engine/record';
import type { NodeRunContext } from '../../../nodes/define-node';
import { cached } from '../../shared/run-cache';
import type { MplusArticle, MplusProduct } from '../schemas';
import { mplusClientFor } from './client-for';

/** A product without its articles (any other field MplusKASSA sends stays in too). */
export type MplusProductHeader = Pick<MplusProduct, 'productNumber' | 'syncMarker' | 'description' | 'extraText' | 'groupNumbers' | 'sortOrderGroupList'>;

/** An article with the product it belongs to: what the products source emits and the lookup attaches. */
export type ArticleWithProduct = MplusArticle & { product: MplusProductHeader };

export function withProduct(product: MplusProduct, article: MplusArticle): ArticleWithProduct {
  const { articleList: _articles, ...header } = product;
  return { ...article, product: header };
}

/**
 * A product code as an MplusKASSA article number. The rule, both ways: a code travels as text;
 * MplusKASSA article numbers are numbers, so a code goes there only when it is the plain way of
 * writing a number. Anything else fails the record with the reason and is never changed: "000123"
 * would become 123 and update (or create beside) another product, whose code "123" would then come
 * back to Teamleader as a second product. The code is taken exactly as written: "55 " (spaces), "+55"
 * or "5.5" are not the plain way of writing a number either, and a code with spaces in it is shown
 * quoted, so the spaces are seen.
 */
export function articleNumberOf(sku: unknown): number {
  const text = String(sku);
  const shown = /\s|^$/.test(text) ? JSON.stringify(text) : text;
  const trimmed = text.trim();
  if (trimmed !== text && /^\d+$/.test(trimmed)) {
    throw new RecordError(`SKU ${shown} has spaces around it; MplusKASSA article numbers are digits only, so it would become ${Number(trimmed)} and no longer be the same product. Remove the spaces from the code in the other app`);
  }
  if (!/^\d+$/.test(text)) throw new RecordError(`SKU ${shown} is not a number; MplusKASSA article numbers are digits only`);
  if (/^0\d/.test(text)) {
    throw new RecordError(`SKU ${text} starts with a zero; MplusKASSA article numbers are numbers, so it would become ${Number(text)} and no longer be the same product. Give it a code without leading zeros in the other app`);
  }
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n === 0) throw new RecordError(`SKU ${text} cannot be an MplusKASSA article number (it must be a whole number from 1 to 9007199254740991)`);
  return n;
}

export interface ArticleSearch {
  /** The articles in the order asked, null for a number MplusKASSA does not have. */
  find(articleNumbers: readonly number[]): Promise<Array<ArticleWithProduct | null>>;
  /** Forgets what is known of an article, after a write changed it. */
  forget(articleNumber: number): void;
}

export function articleSearch(ctx: NodeRunContext<unknown>, connectionId: string): ArticleSearch {
  return ctx.memo(`mplus:${connectionId}:articles`, () => {
    const known = new Map<number, Promise<ArticleWithProduct | null>>();
    return {
      find(articleNumbers) {
        const unknown = [...new Set(articleNumbers)].filter((n) => !known.has(n));
        if (unknown.length > 0) {
          const products = mplusClientFor(ctx, connectionId).then((client) => client.getProducts({ articleNumbers: unknown }));
          for (const n of unknown) {
            cached(known, n, async () => {
              for (const p of await products) {
                const article = p.articleList?.find((a) => a.articleNumber === n);
                if (article) return withProduct(p, article);
              }
              return null;
            });
          }
        }
        return Promise.all(articleNumbers.map((n) => known.get(n) ?? Promise.resolve(null)));
      },
      forget: (articleNumber) => void known.delete(articleNumber),
    };
  });
}
