/**
 * The lines of an invoice or quotation as a flow hands them over, and how they become Teamleader's
 * `grouped_lines`: prices in euros without VAT (`tax: "excluding"`), the VAT percentage mapped to
 * the tax rate of the document's department (an unknown percentage fails the record, naming it and
 * the line), and a product given by code linked when Teamleader has it (else the line is free text).
 */
import { z } from 'zod';
import { RecordError } from '../../../engine/record';
import { currency, id as teamleaderId, money, type CurrencyCode } from '../schemas-common';
import type { TeamleaderDepartment } from '../schemas-responses';
import { cents, euros } from '../../shared/money';
import { roundingLines, type ExpectedTotal } from '../document-rounding';
import { percentageOf, type ReferenceData } from './reference-data';
import type { ProductSearch } from './searches';
import { defined, idOrPlaceholder, isPlaceholder } from './target-support';

const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().nullish());

export const lineInput = z.object({
  quantity: z.number(),
  description: z.string().min(1, 'must not be empty'),
  extended_description: text,
  /** Euros without VAT: a number, or { amount, tax: "excluding" }. */
  unit_price: z.union([z.number(), z.object({ amount: z.number(), tax: z.literal('excluding').optional() })]),
  /** The VAT percentage (21, "21%"); or tax_rate_id. */
  tax_rate: z.union([z.number(), z.string()]).nullish(),
  tax_rate_id: teamleaderId.optional(),
  /** A discount in percent: a number, or { value, type: "percentage" }. */
  discount: z.union([z.number(), z.object({ value: z.number(), type: z.literal('percentage').optional() })]).nullish(),
  product_id: idOrPlaceholder.nullish(),
  /** The product's code (SKU); linked when Teamleader has a product with it. */
  product_code: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text),
  unit_of_measure_id: teamleaderId.nullish(),
  /** Invoices only. */
  product_category_id: teamleaderId.nullish(),
  /** Quotations only: euros, a number or { amount, currency }. */
  purchase_price: z.union([z.number(), money.extend({ currency: currency.optional() })]).nullish(),
});
export type LineInput = z.output<typeof lineInput>;

/** One group of lines (`lines`), or Teamleader's sections (`grouped_lines`), and the total they must come to. */
export const linesFields = {
  grouped_lines: z.array(z.object({ section: z.object({ title: z.string() }).optional(), line_items: z.array(lineInput) })).optional(),
  lines: z.array(lineInput).optional(),
  /**
   * The source document's total, in Teamleader's `total` shape (euros; rates as fractions): the
   * document gets rounding lines so it comes to exactly this (document-rounding.ts).
   */
  expected_total: z
    .object({
      tax_inclusive: z.number(),
      taxes: z.array(z.object({ rate: z.number().min(0).max(1, 'is a fraction: 0.21 for 21 %'), taxable: z.number(), tax: z.number() })).optional(),
    })
    .optional(),
};

/** The department's currency, EUR when Teamleader does not say or names one Sincro does not know. */
export const currencyOf = (department: TeamleaderDepartment): CurrencyCode => currency.safeParse(department.currency).data ?? 'EUR';

export const hasLines = (p: { grouped_lines?: unknown[] | undefined; lines?: unknown[] | undefined }) => Boolean(p.grouped_lines?.length || p.lines?.length);

/** The product codes a document's lines look up (lines that name a product_id look up none). */
export const lineProductCodes = (p: Pick<LinesPayload, 'grouped_lines' | 'lines'>): string[] =>
  (p.grouped_lines ?? [{ line_items: p.lines ?? [] }]).flatMap((g) => g.line_items.flatMap((l) => (!l.product_id && l.product_code ? [l.product_code] : [])));

export interface LinesContext {
  department: TeamleaderDepartment;
  reference: ReferenceData;
  products: ProductSearch;
  kind: 'invoice' | 'quotation';
  currency: CurrencyCode;
  /** Field path prefix of the payload in the record, for messages. */
  at: (field: string) => string;
}

export interface WriteLine {
  quantity: number;
  description: string;
  extended_description?: string;
  unit_of_measure_id?: string;
  unit_price: { amount: number; tax: 'excluding' };
  tax_rate_id: string;
  discount?: { value: number; type: 'percentage' };
  product_id?: string;
  product_category_id?: string;
  purchase_price?: { amount: number; currency: CurrencyCode };
}

export interface ResolvedLines {
  grouped_lines: Array<{ section?: { title: string }; line_items: WriteLine[] }>;
  /** Remarks for the record, e.g. a product code Teamleader does not know. */
  notes: string[];
}

type LinesPayload = {
  grouped_lines?: Array<{ section?: { title: string } | undefined; line_items: LineInput[] }> | undefined;
  lines?: LineInput[] | undefined;
  expected_total?: ExpectedTotal | undefined;
  discounts?: Array<{ value: number }> | undefined;
};

/** What the source document comes to, in cents incl. VAT, when the payload says (target-write.ts `total`). */
export const expectedCents = (p: LinesPayload): number | undefined => (p.expected_total ? cents(p.expected_total.tax_inclusive) : undefined);

/** The line that makes up a rounding difference (document-rounding.ts). */
export const ROUNDING_LINE = 'Rounding difference';

export async function resolveLines(p: LinesPayload, ctx: LinesContext): Promise<ResolvedLines> {
  const resolved = await resolveGivenLines(p, ctx);
  if (p.expected_total && resolved.grouped_lines.length) await addRoundingLines(resolved, p.expected_total, p.discounts ?? [], ctx);
  return resolved;
}

/** Rounding lines so the document comes to the source's total to the cent, with a note saying so. */
async function addRoundingLines(resolved: ResolvedLines, expected: ExpectedTotal, discounts: Array<{ value: number }>, ctx: LinesContext): Promise<void> {
  const rates = new Map((await ctx.reference.taxRates()).map((t) => [t.id, t.rate]));
  const rateOf = (id: string) => rates.get(id) ?? 0;
  const extra = roundingLines(resolved.grouped_lines, discounts, rateOf, expected);
  if (!extra.length) return;
  const last = resolved.grouped_lines.at(-1) as { line_items: WriteLine[] };
  for (const r of extra) {
    const taxRateId = await ctx.reference.taxRateId(ctx.department, Math.round(r.rate * 10000) / 100, ctx.at('expected_total'));
    last.line_items.push({ quantity: 1, description: ROUNDING_LINE, unit_price: { amount: euros(r.amountCents), tax: 'excluding' }, tax_rate_id: taxRateId });
  }
  resolved.notes.push(`rounding ${extra.map((r) => `${euros(r.amountCents).toFixed(2)} at ${Math.round(r.rate * 10000) / 100}%`).join(', ')} so the total is ${expected.tax_inclusive.toFixed(2)}, as in the source`);
}

async function resolveGivenLines(p: LinesPayload, ctx: LinesContext): Promise<ResolvedLines> {
  const groups = p.grouped_lines ?? [{ line_items: p.lines ?? [] }];
  const base = p.grouped_lines ? 'grouped_lines' : 'lines';
  const notes: string[] = [];
  const unknownCodes = new Set<string>();
  const grouped_lines = await Promise.all(
    groups.map(async (g, gi) => ({
      ...(g.section ? { section: g.section } : {}),
      line_items: await Promise.all(
        g.line_items.map(async (l, li) => {
          const where = p.grouped_lines ? `${base}.${gi}.line_items.${li}` : `${base}.${li}`;
          let taxRateId = l.tax_rate_id;
          if (!taxRateId) {
            if (l.tax_rate === null || l.tax_rate === undefined) throw new RecordError(`line ${li + 1} (${l.description}) has no tax rate: give tax_rate (the VAT percentage) or tax_rate_id`, ctx.at(`${where}.tax_rate`));
            const percentage = percentageOf(l.tax_rate);
            if (percentage === undefined) throw new RecordError(`the tax rate "${String(l.tax_rate)}" of line ${li + 1} is not a percentage`, ctx.at(`${where}.tax_rate`));
            taxRateId = await ctx.reference.taxRateId(ctx.department, percentage, ctx.at(`${where}.tax_rate`));
          }
          // A product a dry run would create has no id yet: the line names none.
          let productId = l.product_id && !isPlaceholder(l.product_id) ? l.product_id : undefined;
          if (!productId && !l.product_id && l.product_code) {
            productId = (await ctx.products.byCode(l.product_code))?.id;
            if (!productId) unknownCodes.add(l.product_code);
          }
          const price = typeof l.unit_price === 'number' ? l.unit_price : l.unit_price.amount;
          const discount = l.discount === null || l.discount === undefined ? undefined : typeof l.discount === 'number' ? l.discount : l.discount.value;
          const purchase = l.purchase_price === null || l.purchase_price === undefined ? undefined : typeof l.purchase_price === 'number' ? { amount: l.purchase_price, currency: ctx.currency } : { amount: l.purchase_price.amount, currency: l.purchase_price.currency ?? ctx.currency };
          return defined<WriteLine>({
            quantity: l.quantity,
            description: l.description,
            extended_description: l.extended_description ?? undefined,
            unit_of_measure_id: l.unit_of_measure_id ?? undefined,
            unit_price: { amount: price, tax: 'excluding' },
            tax_rate_id: taxRateId,
            discount: discount ? { value: discount, type: 'percentage' } : undefined,
            product_id: productId,
            product_category_id: ctx.kind === 'invoice' ? (l.product_category_id ?? undefined) : undefined,
            purchase_price: ctx.kind === 'quotation' ? purchase : undefined,
          });
        }),
      ),
    })),
  );
  if (unknownCodes.size) notes.push(`no product with code ${[...unknownCodes].join(', ')} in Teamleader; those lines were sent as text`);
  return { grouped_lines, notes };
}
