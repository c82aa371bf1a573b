/**
 * The MplusKASSA sandbox seed: what the sandbox holds after start or reset. The format is
 * documented in SEED.md; it uses the client's JS shapes where it can (relations, employees, …)
 * and simple `lines` for orders and invoices, whose totals and VAT the sandbox computes.
 *
 * The CLI reads `{ "mplus": <this>, "teamleader": <…> }`; parseMplusSeed names every problem by
 * its path in that file (`mplus.orders[3].relationNumber: …`).
 */
import { z } from 'zod';
import { articleSchema, employeeSchema, isoDateSchema, isoDateTimeSchema, quantitySchema, relationSchema } from '../schemas';
import { xsdEnums } from '../xsd-model.generated';
import { seedStateSchema } from './seed-state';

const int = z.number().int();
const positive = int.positive();

const seedLineSchema = z.strictObject({
  articleNumber: positive,
  quantity: quantitySchema,
  /** Unit price incl. VAT in cents; taken from the article when both prices are left out. */
  price: int.optional(),
  /** Unit price excl. VAT in cents. */
  priceExcl: int.optional(),
  text: z.string().optional(),
  vatCode: int.optional(),
  discountPercentage: int.min(0).max(100).optional(),
});

const seedPaymentSchema = z.strictObject({ method: z.string(), amount: int });

const documentCommon = {
  relationNumber: positive,
  employeeNumber: positive.optional(),
  financialDate: isoDateSchema,
  entryTimestamp: isoDateTimeSchema.optional(),
  reference: z.string().default(''),
  vatMethod: z.enum(xsdEnums.VatMethod).default('VAT-METHOD-INCLUSIVE'),
  lines: z.array(seedLineSchema).min(1),
  payments: z.array(seedPaymentSchema).default([]),
};

export const mplusSeedSchema = z
  .strictObject({
    branchNumber: positive.default(1),
    vatGroups: z.array(z.strictObject({ vatCode: positive, vatPercentage: int.min(0).max(100), countryIso3: z.string().length(3).default('NLD') })).min(1),
    employees: z.array(employeeSchema.extend({ employeeNumber: positive, name: z.string() })).default([]),
    paymentMethods: z
      .array(z.strictObject({ method: z.string().min(1), description: z.string(), buttonText: z.string().optional(), allowNegativeAmount: z.boolean().default(false) }))
      .default([]),
    deliveryMethods: z.array(z.strictObject({ deliveryMethod: z.string().min(1), description: z.string(), buttonText: z.string().optional() })).default([]),
    turnoverGroups: z
      .array(z.strictObject({ turnoverGroup: int.min(0).max(999), turnoverGroupName: z.string(), accountNumber: int.optional(), defaultVatCode: int.optional() }))
      .default([]),
    articleGroups: z
      .array(z.strictObject({ groupNumber: positive, parentGroupNumber: int.min(0).default(0), name: z.string(), text: z.string().default(''), sortOrder: int.default(0) }))
      .default([]),
    relations: z.array(relationSchema.extend({ relationNumber: positive })).default([]),
    products: z
      .array(
        z.strictObject({
          productNumber: positive,
          description: z.string(),
          extraText: z.string().optional(),
          groupNumbers: z.array(positive).default([]),
          articles: z.array(articleSchema.extend({ articleNumber: positive, description: z.string(), vatCode: positive, stock: quantitySchema.default(0) })).min(1),
        }),
      )
      .default([]),
    orders: z
      .array(
        z.strictObject({
          /** 32 hex digits; generated when left out. */
          orderId: z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 lower-case hex digits').optional(),
          extOrderId: z.string().min(1).optional(),
          paymentMethod: z.string().optional(),
          deliveryMethod: z.string().optional(),
          ...documentCommon,
        }),
      )
      .default([]),
    invoices: z
      .array(
        z.strictObject({
          invoiceId: z.string().min(1).optional(),
          extInvoiceId: z.string().min(1).optional(),
          orderIds: z.array(z.string()).default([]),
          /** A credit invoice: the invoice it credits (earlier in the seed, or kept in its state). */
          creditedInvoiceId: z.string().min(1).optional(),
          ...documentCommon,
        }),
      )
      .default([]),
    /** What a running sandbox kept (seed-state.ts); loaded first, as it is. */
    state: seedStateSchema.optional(),
  })
  .superRefine((seed, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    // The state's records are loaded first, so a seed record that repeats one of their numbers is named.
    const state = seed.state;
    const unique = <T>(items: T[], key: (t: T) => unknown, path: string, what: string, keptKeys: unknown[] = []) => {
      const seen = new Set<unknown>(keptKeys);
      items.forEach((item, i) => {
        const k = key(item);
        if (k !== undefined && seen.has(k)) problem([path, i], `${what} ${String(k)} occurs twice`);
        seen.add(k);
      });
    };
    const first = <T>(kept: T[] | undefined, added: T[]) => [...(kept ?? []), ...added];
    unique(seed.vatGroups, (v) => v.vatCode, 'vatGroups', 'vatCode');
    unique(seed.employees, (e) => e.employeeNumber, 'employees', 'employeeNumber', state?.employees.map((e) => e.employeeNumber));
    unique(seed.articleGroups, (g) => g.groupNumber, 'articleGroups', 'groupNumber', state?.articleGroups.map((g) => g.groupNumber));
    unique(seed.relations, (r) => r.relationNumber, 'relations', 'relationNumber', state?.relations.map((r) => r.relationNumber));
    unique(seed.products, (p) => p.productNumber, 'products', 'productNumber', state?.products.map((p) => p.productNumber));
    const keptArticles = state?.products.flatMap((p) => p.articleList.map((a) => a.articleNumber)) ?? [];
    unique(seed.products.flatMap((p) => p.articles), (a) => a.articleNumber, 'products', 'articleNumber', keptArticles);
    unique(seed.orders, (o) => o.extOrderId, 'orders', 'extOrderId', state?.usedExtOrderIds.map((u) => u.extOrderId));
    unique(seed.orders, (o) => o.orderId, 'orders', 'orderId', state?.orders.map((o) => o.orderId));
    unique(seed.invoices, (inv) => inv.extInvoiceId, 'invoices', 'extInvoiceId', state?.usedExtInvoiceIds.map((u) => u.extInvoiceId));

    const vatCodes = new Set(seed.vatGroups.map((v) => v.vatCode));
    const groups = new Set(first(state?.articleGroups, seed.articleGroups).map((g) => g.groupNumber));
    const relations = new Set(first(state?.relations, seed.relations).map((r) => r.relationNumber));
    const employees = new Set(first(state?.employees, seed.employees).map((e) => e.employeeNumber));
    const articles = new Set([...keptArticles, ...seed.products.flatMap((p) => p.articles.map((a) => a.articleNumber))]);
    const payments = new Set(seed.paymentMethods.map((p) => p.method));
    const deliveries = new Set(seed.deliveryMethods.map((d) => d.deliveryMethod));
    const orderIds = new Set<string | undefined>(first<{ orderId?: string }>(state?.orders, seed.orders).map((o) => o.orderId));

    seed.articleGroups.forEach((g, i) => {
      if (g.parentGroupNumber !== 0 && !groups.has(g.parentGroupNumber)) problem(['articleGroups', i, 'parentGroupNumber'], `group ${g.parentGroupNumber} does not exist`);
    });
    seed.products.forEach((p, i) => {
      p.groupNumbers.forEach((g, j) => groups.has(g) || problem(['products', i, 'groupNumbers', j], `article group ${g} does not exist`));
      p.articles.forEach((a, j) => vatCodes.has(a.vatCode) || problem(['products', i, 'articles', j, 'vatCode'], `VAT code ${a.vatCode} is not in vatGroups`));
    });
    const checkDocument = (kind: 'orders' | 'invoices', doc: (typeof seed.orders)[number] | (typeof seed.invoices)[number], i: number) => {
      if (!relations.has(doc.relationNumber)) problem([kind, i, 'relationNumber'], `relation ${doc.relationNumber} does not exist`);
      if (doc.employeeNumber !== undefined && !employees.has(doc.employeeNumber)) problem([kind, i, 'employeeNumber'], `employee ${doc.employeeNumber} does not exist`);
      doc.lines.forEach((l, j) => {
        if (!articles.has(l.articleNumber)) problem([kind, i, 'lines', j, 'articleNumber'], `article ${l.articleNumber} does not exist`);
        if (l.vatCode !== undefined && !vatCodes.has(l.vatCode)) problem([kind, i, 'lines', j, 'vatCode'], `VAT code ${l.vatCode} is not in vatGroups`);
      });
      doc.payments.forEach((p, j) => payments.has(p.method) || problem([kind, i, 'payments', j, 'method'], `payment method ${p.method} does not exist`));
    };
    seed.orders.forEach((o, i) => {
      checkDocument('orders', o, i);
      if (o.paymentMethod !== undefined && !payments.has(o.paymentMethod)) problem(['orders', i, 'paymentMethod'], `payment method ${o.paymentMethod} does not exist`);
      if (o.deliveryMethod !== undefined && !deliveries.has(o.deliveryMethod)) problem(['orders', i, 'deliveryMethod'], `delivery method ${o.deliveryMethod} does not exist`);
    });
    seed.invoices.forEach((inv, i) => {
      checkDocument('invoices', inv, i);
      inv.orderIds.forEach((id, j) => orderIds.has(id) || problem(['invoices', i, 'orderIds', j], `order ${id} is not in the seed`));
    });
  });

export type MplusSeed = z.output<typeof mplusSeedSchema>;
export type MplusSeedInput = z.input<typeof mplusSeedSchema>;

export class MplusSeedError extends Error {
  constructor(readonly problems: string[]) {
    super(`the MplusKASSA sandbox seed is not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'MplusSeedError';
  }
}

/** Parses the `mplus` part of a sandbox seed file; `where` prefixes the paths in the messages. */
export function parseMplusSeed(json: unknown, where = 'mplus'): MplusSeed {
  const parsed = mplusSeedSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`), where);
    return `${path}: ${issue.message}`;
  });
  if (parsed.error.issues.length > 20) problems.push(`… and ${parsed.error.issues.length - 20} more`);
  throw new MplusSeedError(problems);
}
