/**
 * How MplusKASSA prices a line of an order or invoice, as the sandbox models it and the targets plan
 * by it (document-fitting.ts) [INFERRED: the vendor documents the fields, not the arithmetic]:
 *
 * - `price` is the unit price incl. VAT, `priceExcl` excl. VAT, in cents; a missing one is derived
 *   from the other with the line's VAT percentage;
 * - VAT-METHOD-INCLUSIVE computes from the incl. price (line total = quantity × price less the
 *   discount, rounded once; its VAT = total × p / (100 + p)); VAT-METHOD-EXCLUSIVE from the excl.
 *   price (VAT = total × p / 100), rounded per line; SHIFTED and NONE charge no VAT.
 */
import type { MplusVatMethod } from './schemas';
import { quantityTimesCents, rateOfCents, vatInside } from '../shared/money';

export const inclFromExcl = (exclCents: number, percentage: number): number => exclCents + rateOfCents(exclCents, percentage / 100);

export const exclFromIncl = (inclCents: number, percentage: number): number => inclCents - vatInside(inclCents, percentage);

export interface LineToPrice {
  quantity: number;
  /** Unit price incl. VAT, cents. */
  price?: number | undefined;
  /** Unit price excl. VAT, cents. */
  priceExcl?: number | undefined;
  discountPercentage?: number | undefined;
  /** The VAT percentage of the line's VAT code (21). */
  percentage: number;
}

export interface PricedLineAmounts {
  unitIncl: number;
  unitExcl: number;
  totalIncl: number;
  totalExcl: number;
  vat: number;
}

export function priceLine(line: LineToPrice, vatMethod: MplusVatMethod): PricedLineAmounts {
  const p = line.percentage;
  const unitExcl = line.priceExcl ?? exclFromIncl(line.price ?? 0, p);
  const unitIncl = line.price ?? inclFromExcl(unitExcl, p);
  if (vatMethod === 'VAT-METHOD-INCLUSIVE') {
    const totalIncl = quantityTimesCents(line.quantity, unitIncl, line.discountPercentage);
    const vat = vatInside(totalIncl, p);
    return { unitIncl, unitExcl, totalIncl, totalExcl: totalIncl - vat, vat };
  }
  const totalExcl = quantityTimesCents(line.quantity, unitExcl, line.discountPercentage);
  const vat = vatMethod === 'VAT-METHOD-EXCLUSIVE' ? rateOfCents(totalExcl, p / 100) : 0;
  return { unitIncl, unitExcl, totalIncl: totalExcl + vat, totalExcl, vat };
}
