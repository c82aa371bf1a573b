/**
 * Line prices, totals and VAT groups of orders and invoices, computed the way the sandbox models
 * MplusKASSA [INFERRED: the vendor documents the fields, not the arithmetic]:
 *
 * - `price` is the unit price incl. VAT, `priceExcl` excl. VAT (cents); a missing one is derived
 *   from the other with the line's VAT rate, both missing means the article's prices;
 * - VAT-METHOD-INCLUSIVE computes from the incl. price (VAT = incl × p / (100 + p)),
 *   VAT-METHOD-EXCLUSIVE from the excl. price (VAT = excl × p / 100), rounded per line;
 *   SHIFTED and NONE charge no VAT;
 * - `discountPercentage` reduces the line total; the document's `vatGroupList` sums the lines per
 *   VAT code.
 */
import { randomUUID } from 'node:crypto';
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

export function inclFromExcl(excl: number, percentage: number): number {
  return Math.round((excl * (100 + percentage)) / 100);
}

export function exclFromIncl(incl: number, percentage: number): number {
  return Math.round((incl * 100) / (100 + percentage));
}

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
    const chargesVat = vatMethod === 'VAT-METHOD-INCLUSIVE' || vatMethod === 'VAT-METHOD-EXCLUSIVE';

    const articleExcl = article.priceExcl ?? exclFromIncl(article.priceIncl ?? 0, percentage);
    const articleIncl = article.priceIncl ?? inclFromExcl(articleExcl, percentage);
    let unitExcl = data.priceExcl;
    let unitIncl = data.price;
    if (unitExcl === undefined && unitIncl === undefined) [unitExcl, unitIncl] = [articleExcl, articleIncl];
    unitExcl ??= exclFromIncl(unitIncl ?? 0, percentage);
    unitIncl ??= inclFromExcl(unitExcl, percentage);

    const factor = (100 - (data.discountPercentage ?? 0)) / 100;
    let lineExcl: number;
    let lineVat: number;
    if (vatMethod === 'VAT-METHOD-INCLUSIVE') {
      const lineIncl = Math.round(unitIncl * data.quantity * factor);
      lineVat = Math.round((lineIncl * percentage) / (100 + percentage));
      lineExcl = lineIncl - lineVat;
    } else {
      lineExcl = Math.round(unitExcl * data.quantity * factor);
      lineVat = chargesVat ? Math.round((lineExcl * percentage) / 100) : 0;
    }
    const lineIncl = lineExcl + lineVat;
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
