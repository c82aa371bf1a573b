/**
 * Money arithmetic of invoices and quotations in the sandbox. Teamleader does not document its
 * rounding; these are the natural rules ([I] README §9.7): amounts rounded to cents per line and per
 * tax rate, line discounts first, then the document's commercial discounts, taxes grouped by rate.
 */

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

export function round2(x: number): number {
  return Math.round((x + Math.sign(x) * Number.EPSILON) * 100) / 100;
}

export function lineTotals(line: PricedLine, rate: number): LineTotals {
  const before = round2(line.quantity * line.unit_price.amount);
  const excl = round2(before * (1 - (line.discount?.value ?? 0) / 100));
  return {
    tax_exclusive_before_discount: before,
    tax_exclusive: excl,
    tax_inclusive_before_discount: round2(before * (1 + rate)),
    tax_inclusive: round2(excl * (1 + rate)),
  };
}

export function documentTotals(
  groups: { line_items: PricedLine[] }[],
  discounts: { value: number }[],
  rateOf: (taxRateId: string) => number,
): DocumentTotals {
  const factor = discounts.reduce((f, d) => f * (1 - d.value / 100), 1);
  const byRate = new Map<number, number>();
  let exclBefore = 0;
  let inclBefore = 0;
  for (const group of groups) {
    for (const line of group.line_items) {
      const rate = rateOf(line.tax_rate_id);
      const t = lineTotals(line, rate);
      exclBefore += t.tax_exclusive;
      inclBefore += t.tax_exclusive * (1 + rate);
      byRate.set(rate, (byRate.get(rate) ?? 0) + t.tax_exclusive);
    }
  }
  const taxes = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, sum]) => {
      const taxable = round2(sum * factor);
      return { rate, taxable, tax: round2(taxable * rate) };
    });
  const excl = round2(taxes.reduce((s, t) => s + t.taxable, 0));
  const tax = round2(taxes.reduce((s, t) => s + t.tax, 0));
  return {
    tax_exclusive_before_discount: round2(exclBefore),
    tax_exclusive: excl,
    tax_inclusive_before_discount: round2(inclBefore),
    tax_inclusive: round2(excl + tax),
    taxes,
  };
}

/** Due date from the payment term ([I]: cash = invoice date; end_of_month = last day of the month of date + days). */
export function dueDate(invoiceDate: string, term: { type: string; days?: number | undefined }): string {
  const d = new Date(`${invoiceDate}T00:00:00Z`);
  if (term.type === 'cash') return invoiceDate;
  d.setUTCDate(d.getUTCDate() + (term.days ?? 0));
  if (term.type === 'end_of_month') d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}

/** Belgian structured payment reference "+++ddd/dddd/ddddd+++" (ten digits plus a mod-97 check). */
export function structuredReference(n: number): string {
  const base = String(n).padStart(10, '0').slice(-10);
  const check = Number(BigInt(base) % 97n) || 97;
  const digits = base + String(check).padStart(2, '0');
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}
