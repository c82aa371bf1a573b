/**
 * The account's settings the nodes translate to and from, read once per run and connection:
 * departments, tax rates (per department), product categories and the default payment term.
 * Flows speak in words and numbers (a department name, 21 %, a category name); Teamleader in ids.
 */
import { RecordError } from '../../../engine/record';
import type { NodeRunContext } from '../../../nodes/define-node';
import { cached } from '../../shared/run-cache';
import { collect } from '../paging';
import type { PaymentTerm } from '../schemas-common';
import type { TeamleaderDepartment, TeamleaderProductCategory, TeamleaderTaxRate } from '../schemas-responses';
import { callOptions, teamleaderClientFor } from './client-for';

export interface ReferenceData {
  /** By id or name (ignoring capitals); empty: the default department (the first active one). */
  department(idOrName: string | undefined): Promise<TeamleaderDepartment>;
  /** Every tax rate of the account, all departments. */
  taxRates(): Promise<TeamleaderTaxRate[]>;
  /** The id of the department's tax rate with this percentage; an unknown one fails the record, naming it. */
  taxRateId(department: TeamleaderDepartment, percentage: number, field: string): Promise<string>;
  categories(): Promise<TeamleaderProductCategory[]>;
  defaultPaymentTerm(): Promise<PaymentTerm>;
}

/** 21, "21", "21%", "21,0 %" → 21. Numbers are percentages: Teamleader's own 0.21 would be 0.21 %. */
export function percentageOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(value);
  return m?.[1] ? Number(m[1].replace(',', '.')) : undefined;
}

const samePercentage = (rate: number, percentage: number) => Math.abs(rate * 100 - percentage) < 1e-6;
const percent = (rate: number) => `${Math.round(rate * 10000) / 100}%`;

export function referenceData(ctx: NodeRunContext<unknown>, connectionId: string): ReferenceData {
  return ctx.memo(`teamleader:${connectionId}:reference-data`, () => {
    const client = () => teamleaderClientFor(ctx, connectionId);
    const once = new Map<string, Promise<unknown>>();
    const load = <T>(key: string, read: () => Promise<T>) => cached(once, key, read) as Promise<T>;

    const departments = () => load('departments', async () => collect((await client()).departments.list({}, callOptions(ctx))));
    const taxRates = () => load('taxRates', async () => collect((await client()).taxRates.list({}, callOptions(ctx))));
    const categories = () => load('categories', async () => collect((await client()).productCategories.list({}, callOptions(ctx))));

    return {
      async department(idOrName) {
        const all = await departments();
        const wanted = idOrName?.trim();
        const found = wanted
          ? all.find((d) => d.id === wanted || d.name.toLowerCase() === wanted.toLowerCase())
          : (all.find((d) => d.status !== 'archived') ?? all[0]);
        if (found) return found;
        if (!wanted) throw new RecordError('Teamleader has no department to make the document in');
        throw new RecordError(`there is no department "${wanted}" in Teamleader; there are: ${all.map((d) => d.name).join(', ') || 'none'}`);
      },
      taxRates,
      async taxRateId(department, percentage, field) {
        const own = (await taxRates()).filter((t) => !t.department || t.department.id === department.id);
        const match = own.find((t) => samePercentage(t.rate, percentage));
        if (match) return match.id;
        const known = [...new Set(own.map((t) => percent(t.rate)))].join(', ') || 'none';
        throw new RecordError(`there is no tax rate of ${percentage}% in the Teamleader department "${department.name}" (it has ${known})`, field);
      },
      categories,
      async defaultPaymentTerm() {
        const { items, defaultId } = await load('paymentTerms', async () => (await client()).paymentTerms.withDefault(callOptions(ctx)));
        const term = items.find((t) => t.id === defaultId) ?? items[0];
        if (!term) throw new RecordError('Teamleader has no payment terms; give the document a payment_term');
        const type = term.type as PaymentTerm['type'];
        return term.days === null || term.days === undefined || type === 'cash' ? { type } : { type, days: term.days };
      },
    };
  });
}
