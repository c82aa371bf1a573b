/**
 * Making an MplusKASSA order or invoice come to its source's total to the cent.
 *
 * MplusKASSA prices whole cents per unit and rounds each line (document-pricing.ts); a Teamleader
 * invoice has unit prices without VAT and computes VAT once per rate. Converted line by line, the two
 * can differ by a few cents. MplusKASSA lines must name an article, so there is no free rounding
 * line: instead one line per VAT rate is fitted. A line of one unit or less gets the unit price that
 * makes up the difference; a larger one is split in two, one unit of it at that price (3 × 6.05
 * becomes 2 × 6.05 and 1 × 6.06). Same article, same quantity, the exact total.
 *
 * A difference larger than rounding can explain is not papered over: the record fails naming both
 * amounts.
 */
import { RecordError } from '../../engine/record';
import { euros } from '../shared/money';
import { priceLine } from './document-pricing';
import type { MplusLineInput, MplusVatMethod } from './schemas';

export interface ExpectedTotals {
  /** The source's total incl. VAT, cents. */
  totalInclAmount: number;
  /** Per VAT percentage, the source's amount incl. VAT (cents), when the source says. */
  byPercentage?: Map<number, number> | undefined;
}

type Line = MplusLineInput & { data: NonNullable<MplusLineInput['data']> };

const money = (c: number) => euros(c).toFixed(2);

export function fitLines(lines: readonly MplusLineInput[], vatMethod: MplusVatMethod, percentageOf: (line: MplusLineInput, index: number) => number, expected: ExpectedTotals): { lines: MplusLineInput[]; note?: string } {
  const given = lines.map((line, i): Line => {
    const data = line.data;
    if (!data || (data.price === undefined && data.priceExcl === undefined)) {
      throw new RecordError(`line ${i + 1} (article ${line.articleNumber}) has no price; to match the source's total every line needs price or priceExcl`, `lineList.${i}.data.price`);
    }
    return line as Line;
  });
  const percentages = given.map((l, i) => percentageOf(l, i));
  const totalOf = (line: Line, i: number) => priceLine({ ...line.data, percentage: percentages[i] ?? 0 }, vatMethod).totalIncl;
  const current = given.reduce((s, l, i) => s + totalOf(l, i), 0);
  const slack = 2 + given.reduce((s, l, i) => s + Math.ceil((Math.abs(l.data.quantity) / 2) * (1 + (percentages[i] ?? 0) / 100)) + 1, 0);
  if (Math.abs(expected.totalInclAmount - current) > slack) {
    throw new RecordError(
      `the lines come to ${money(current)} in MplusKASSA but the source's total is ${money(expected.totalInclAmount)}: a difference of ${money(expected.totalInclAmount - current)} is more than rounding (is there a discount on the whole document that the flow does not map?)`,
    );
  }

  // Per VAT percentage what each group must come to; the rest of the total goes to the largest group.
  const groups = new Map<number, number[]>();
  percentages.forEach((p, i) => groups.set(p, [...(groups.get(p) ?? []), i]));
  const wanted = new Map<number, number>();
  for (const [p, idx] of groups) wanted.set(p, expected.byPercentage?.get(p) ?? idx.reduce((s, i) => s + totalOf(given[i] as Line, i), 0));
  const planned = [...wanted.values()].reduce((s, v) => s + v, 0);
  const largest = [...groups.keys()].sort((a, b) => (wanted.get(b) ?? 0) - (wanted.get(a) ?? 0))[0];
  if (largest !== undefined) wanted.set(largest, (wanted.get(largest) ?? 0) + expected.totalInclAmount - planned);

  const out: Line[][] = given.map((l) => [l]);
  const changes: string[] = [];
  for (const [p, idx] of groups) {
    const have = idx.reduce((s, i) => s + totalOf(given[i] as Line, i), 0);
    const diff = (wanted.get(p) ?? have) - have;
    if (diff === 0) continue;
    const fitted = fitGroup(given, idx, diff, (line) => priceLine({ ...line.data, percentage: p }, vatMethod).totalIncl);
    if (!fitted) throw new RecordError(`the lines at ${p}% cannot come to ${money(wanted.get(p) ?? 0)} to the cent in MplusKASSA with ${vatMethod}; use VAT-METHOD-INCLUSIVE`);
    out[fitted.index] = fitted.lines;
    changes.push(`line ${fitted.index + 1} ${fitted.lines.length > 1 ? 'split, one unit' : ''} at ${money(fitted.price)} (${diff > 0 ? '+' : ''}${money(diff)})`.replace('  ', ' '));
  }
  return { lines: out.flat(), ...(changes.length ? { note: `to match the source's total of ${money(expected.totalInclAmount)}: ${changes.join('; ')}` } : {}) };
}

/** One line of the group changed (or split) so the group's total moves by `diff` cents. */
function fitGroup(lines: Line[], indexes: number[], diff: number, total: (line: Line) => number): { index: number; lines: Line[]; price: number } | undefined {
  const byWeight = [...indexes].sort((a, b) => Math.abs((lines[b] as Line).data.quantity) - Math.abs((lines[a] as Line).data.quantity));
  for (const index of byWeight) {
    const line = lines[index] as Line;
    const field = line.data.price !== undefined ? 'price' : 'priceExcl';
    const unit = line.data[field] ?? 0;
    const q = line.data.quantity;
    const factor = 1 - (line.data.discountPercentage ?? 0) / 100;
    if (q === 0 || factor <= 0) continue;
    const one = Math.sign(q);
    const split = Math.abs(q) > 1;
    const piece = (price: number): Line => ({ ...line, data: { ...line.data, [field]: price, ...(split ? { quantity: one } : {}) } });
    const rest: Line[] = split ? [{ ...line, data: { ...line.data, quantity: q - one } }] : [];
    const target = total(line) + diff;
    const restTotal = rest.reduce((s, l) => s + total(l), 0);
    const pieceQ = split ? one : q;
    const guess = Math.round(unit + diff / (pieceQ * factor));
    const reach = Math.ceil(1 / Math.abs(pieceQ * factor)) + 3;
    for (let d = 0; d <= reach; d++) {
      for (const price of d === 0 ? [guess] : [guess - d, guess + d]) {
        if (restTotal + total(piece(price)) === target) return { index, lines: [...rest, piece(price)], price };
      }
    }
  }
  return undefined;
}
