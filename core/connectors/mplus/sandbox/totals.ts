/**
 * Line prices, totals and VAT groups of orders and invoices in the sandbox: each line priced the
 * way MplusKASSA does (../document-pricing.ts), missing prices taken from the article, and the
 * document's `vatGroupList` summing the lines per VAT code.
 */
import { randomUUID } from 'node:crypto';
import { exclFromIncl, inclFromExcl, priceLine } from '../document-pricing';
import type { MplusArticle, MplusLine, MplusLineInput, MplusVatGroup, MplusVatMethod } from '../schemas';

export interface PricingCatalog {
  article(articleNumber: number): MplusArticle | undefined;
  vatPercentage(vatCode: number): number | undefined;
}

export interface PricedDocument {
  lineList: MplusLine[];
  totalInclAmount: number;
  totalExclAmount: number;
  vatGroupList: MplusVatGroup[];
}

/** Thrown for a line that cannot be priced (unknown article or VAT code); the caller turns it into a result. */
export class PricingError extends Error {}

export function priceDocument(lines: readonly MplusLineInput[], vatMethod: MplusVatMethod, catalog: PricingCatalog): PricedDocument {
  const groups = new Map<number, MplusVatGroup>();
  let totalIncl = 0;
  let totalExcl = 0;
  const lineList = lines.map((line, index): MplusLine => {
    const article = catalog.article(line.articleNumber);
    if (!article) throw new PricingError(`line ${index + 1}: article ${line.articleNumber} does not exist`);
    const data = line.data ?? { quantity: 1 };
    const vatCode = data.vatCode ?? article.vatCode ?? 0;
    const percentage = catalog.vatPercentage(vatCode);
    if (percentage === undefined) throw new PricingError(`line ${index + 1}: VAT code ${vatCode} does not exist`);
    const articleExcl = article.priceExcl ?? exclFromIncl(article.priceIncl ?? 0, percentage);
    const articleIncl = article.priceIncl ?? inclFromExcl(articleExcl, percentage);
    const given = data.priceExcl !== undefined || data.price !== undefined;
    const priced = priceLine(
      { quantity: data.quantity, price: given ? data.price : articleIncl, priceExcl: given ? data.priceExcl : articleExcl, discountPercentage: data.discountPercentage, percentage },
      vatMethod,
    );
    const [unitIncl, unitExcl, lineIncl, lineExcl, lineVat] = [priced.unitIncl, priced.unitExcl, priced.totalIncl, priced.totalExcl, priced.vat];
    totalIncl += lineIncl;
    totalExcl += lineExcl;
    const group = groups.get(vatCode) ?? { vatCode, vatPercentage: percentage, exclAmount: 0, vatAmount: 0 };
    group.exclAmount = (group.exclAmount ?? 0) + lineExcl;
    group.vatAmount = (group.vatAmount ?? 0) + lineVat;
    groups.set(vatCode, group);

    return {
      ...line,
      lineId: line.lineId || randomUUID(),
      text: line.text ?? article.description ?? '',
      data: {
        ...data,
        price: unitIncl,
        priceExcl: unitExcl,
        originalPrice: articleIncl,
        originalPriceExcl: articleExcl,
        turnoverGroup: data.turnoverGroup ?? article.turnoverGroup,
        vatCode,
        vatPercentage: percentage,
        totalInclAmount: lineIncl,
        totalExclAmount: lineExcl,
      },
    };
  });
  return { lineList, totalInclAmount: totalIncl, totalExclAmount: totalExcl, vatGroupList: [...groups.values()].sort((a, b) => a.vatCode - b.vatCode) };
}
