/**
 * How Teamleader computes the money of an invoice or quotation, as the sandbox models it and the
 * targets plan by it (document-rounding.ts). Teamleader does not document its rounding; these are the
 * natural rules ([I] README §9.7): amounts rounded to cents per line and per tax rate, line
 * discounts first, then the document's commercial discounts, taxes grouped by rate.
 */

import { cents, euros, lessPercent, rateOfCents, timesCents } from '../shared/money';

export interface PricedLine {
  quantity: number;
  unit_price: { amount: number };
  tax_rate_id: string;
  discount?: { value: number } | undefined;
}

export interface LineTotals {
  tax_exclusive_before_discount: number;
  tax_exclusive: number;
  tax_inclusive_before_discount: number;
  tax_inclusive: number;
}

export interface DocumentTotals extends LineTotals {
  taxes: { rate: number; taxable: number; tax: number }[];
}

/** Rounded to cents as the decimal is written (1.005 → 1.01). */
export const round2 = (x: number): number => euros(cents(x));

export function lineTotals(line: PricedLine, rate: number): LineTotals {
  const before = timesCents(line.quantity, line.unit_price.amount);
  const excl = lessPercent(before, line.discount?.value ?? 0);
  return {
    tax_exclusive_before_discount: euros(before),
    tax_exclusive: euros(excl),
    tax_inclusive_before_discount: euros(before + rateOfCents(before, rate)),
    tax_inclusive: euros(excl + rateOfCents(excl, rate)),
  };
}

/** The totals of a document in cents: per tax rate its taxable amount and tax, after the commercial discounts. */
export function documentTotalsInCents(groups: { line_items: PricedLine[] }[], discounts: { value: number }[], rateOf: (taxRateId: string) => number) {
  const byRate = new Map<number, number>();
  let exclBefore = 0;
  let inclBefore = 0;
  for (const group of groups) {
    for (const line of group.line_items) {
      const rate = rateOf(line.tax_rate_id);
      const excl = lessPercent(timesCents(line.quantity, line.unit_price.amount), line.discount?.value ?? 0);
      exclBefore += excl;
      inclBefore += excl + rateOfCents(excl, rate);
      byRate.set(rate, (byRate.get(rate) ?? 0) + excl);
    }
  }
  const percents = discounts.map((d) => d.value);
  const taxes = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, sum]) => {
      const taxable = lessPercent(sum, ...percents);
      return { rate, taxable, tax: rateOfCents(taxable, rate) };
    });
  const excl = taxes.reduce((s, t) => s + t.taxable, 0);
  const tax = taxes.reduce((s, t) => s + t.tax, 0);
  return { exclBefore, inclBefore, excl, tax, taxes };
}

export function documentTotals(groups: { line_items: PricedLine[] }[], discounts: { value: number }[], rateOf: (taxRateId: string) => number): DocumentTotals {
  const t = documentTotalsInCents(groups, discounts, rateOf);
  return {
    tax_exclusive_before_discount: euros(t.exclBefore),
    tax_exclusive: euros(t.excl),
    tax_inclusive_before_discount: euros(t.inclBefore),
    tax_inclusive: euros(t.excl + t.tax),
    taxes: t.taxes.map(({ rate, taxable, tax }) => ({ rate, taxable: euros(taxable), tax: euros(tax) })),
  };
}
