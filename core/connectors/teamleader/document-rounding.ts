/**
 * Making a Teamleader document come to its source's total to the cent.
 *
 * Teamleader takes unit prices without VAT and computes VAT once per rate on the sum of the lines
 * (document-totals.ts). A till computes per line from prices with VAT: 10 × 19.95 incl. 21 % is
 * 199.50 there, while the price without VAT, 16.49 (rounded per unit), makes 164.90 + 34.63 = 199.53
 * in Teamleader. So the document gets rounding lines, planned with Teamleader's own arithmetic:
 *
 * 1. per VAT rate of the source, a line at that rate that makes Teamleader's amount without VAT equal
 *    the source's (–0.02 above: 164.88 + 34.62 = 199.50), so VAT is computed on the same base;
 * 2. what is still left because Teamleader rounds VAT once per rate and the source per line (a cent
 *    or two, at most) on one line at 0 %, so the total is exact and no VAT is invented.
 *
 * A difference larger than rounding can explain is not papered over: the record fails, naming both
 * amounts (a discount on the whole order that the flow does not map, say).
 */
import { RecordError } from '../../engine/record';
import { cents, euros, lessPercent, rateOfCents, timesCents } from '../shared/money';
import { documentTotalsInCents, type PricedLine } from './document-totals';

export interface ExpectedTotal {
  /** What the document must come to, VAT included, in euros. */
  tax_inclusive: number;
  /** Per VAT rate (a fraction: 0.21), the amount without VAT and the VAT, as the source has them. */
  taxes?: Array<{ rate: number; taxable: number; tax: number }> | undefined;
}

export interface RoundingLine {
  /** The VAT rate of the line, a fraction. */
  rate: number;
  amountCents: number;
}

const sameRate = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** The amount `a` (cents) with `f(a) === wanted`, near `guess`; f grows with a in steps of at most a cent. */
function solve(wanted: number, guess: number, f: (a: number) => number, factor: number): number | undefined {
  const reach = Math.ceil(1 / Math.max(factor, 0.01)) + 2;
  for (let d = 0; d <= reach; d++) {
    for (const a of d === 0 ? [guess] : [guess - d, guess + d]) if (f(a) === wanted) return a;
  }
  return undefined;
}

/**
 * The source's amounts without VAT, one per rate. A till order with VAT reverse-charged (shifted)
 * lists each of its VAT codes, all at 0 % here: fitted one by one, the first (an empty code) took
 * the whole document's lines down to nothing with a rounding line (found by the generated shops).
 */
function perRate(taxes: NonNullable<ExpectedTotal['taxes']>): Array<{ rate: number; taxableCents: number }> {
  const out: Array<{ rate: number; taxableCents: number }> = [];
  for (const t of taxes) {
    const same = out.find((o) => sameRate(o.rate, t.rate));
    if (same) same.taxableCents += cents(t.taxable);
    else out.push({ rate: t.rate, taxableCents: cents(t.taxable) });
  }
  return out;
}

/** How far apart two totals of the same lines can be from rounding alone, in cents. */
function roundingSlack(groups: { line_items: PricedLine[] }[], rateOf: (id: string) => number): number {
  let slack = 2;
  for (const line of groups.flatMap((g) => g.line_items)) slack += Math.ceil((Math.abs(line.quantity) / 2) * (1 + rateOf(line.tax_rate_id))) + 1;
  return slack;
}

export function roundingLines(groups: { line_items: PricedLine[] }[], discounts: { value: number }[], rateOf: (taxRateId: string) => number, expected: ExpectedTotal): RoundingLine[] {
  const percents = discounts.map((d) => d.value);
  const factor = percents.reduce((f, p) => f * (1 - p / 100), 1);
  const model = documentTotalsInCents(groups, discounts, rateOf);
  const sumOf = (rate: number) => groups.flatMap((g) => g.line_items).filter((l) => sameRate(rateOf(l.tax_rate_id), rate)).reduce((s, l) => s + lessPercent(timesCents(l.quantity, l.unit_price.amount), l.discount?.value ?? 0), 0);
  const wantedTotal = cents(expected.tax_inclusive);
  const before = model.excl + model.tax;
  if (Math.abs(wantedTotal - before) > roundingSlack(groups, rateOf)) {
    throw new RecordError(
      `the lines come to ${euros(before).toFixed(2)} in Teamleader but the source's total is ${euros(wantedTotal).toFixed(2)}: a difference of ${euros(wantedTotal - before).toFixed(2)} is more than rounding (is there a discount on the whole order that the flow does not map?)`,
    );
  }

  const lines: RoundingLine[] = [];
  let total = 0;
  const handled = new Set<number>();
  for (const t of perRate(expected.taxes ?? [])) {
    const base = sumOf(t.rate);
    const wanted = t.taxableCents;
    const a = solve(wanted, Math.round(wanted / Math.max(factor, 0.01)) - base, (x) => lessPercent(base + x, ...percents), factor) ?? 0;
    if (a !== 0) lines.push({ rate: t.rate, amountCents: a });
    const taxable = lessPercent(base + a, ...percents);
    total += taxable + rateOfCents(taxable, t.rate);
    handled.add(t.rate);
  }
  for (const t of model.taxes) if (![...handled].some((r) => sameRate(r, t.rate))) total += t.taxable + t.tax;

  const left = wantedTotal - total;
  if (left !== 0) {
    const zero = lines.find((l) => sameRate(l.rate, 0));
    const base = sumOf(0) + (zero?.amountCents ?? 0);
    const a = solve(lessPercent(base, ...percents) + left, Math.round(left / Math.max(factor, 0.01)), (x) => lessPercent(base + x, ...percents), factor);
    if (a === undefined) throw new RecordError(`the document cannot come to ${euros(wantedTotal).toFixed(2)} to the cent in Teamleader (its discounts leave no amount for a rounding line)`);
    if (zero) zero.amountCents += a;
    else lines.push({ rate: 0, amountCents: a });
  }
  return lines.filter((l) => l.amountCents !== 0);
}
