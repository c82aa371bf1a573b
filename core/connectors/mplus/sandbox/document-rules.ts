/**
 * Rules shared by sandbox orders and invoices: who a document belongs to, its payments, optimistic
 * concurrency and the document filters of getOrders/getInvoices.
 */
import { randomUUID } from 'node:crypto';
import { amsterdamDate } from '../convert';
import type { MplusInvoice, MplusLine, MplusOrder, MplusPayment } from '../schemas';
import type { MplusSandboxStore } from './store';

export type Outcome<T> = { ok: true; value: T } | { ok: false; result: string; message: string };

export const fail = (result: string, message: string) => ({ ok: false, result, message }) as const;

type Document = MplusOrder | MplusInvoice;

const SUPERUSER = 999999;

/** The relation must exist (MplusKASSA attaches every order to one); an unknown employee is refused. */
export function checkParties(store: MplusSandboxStore, doc: Document): { result: string; message: string } | { employeeNumber: number; relationName: string; employeeName: string } {
  const relation = store.relations.get(doc.relationNumber ?? 0);
  if (!doc.relationNumber) return { result: 'FAILED', message: 'A relation is required.' };
  if (!relation) return { result: 'FAILED', message: `Relation ${doc.relationNumber} does not exist.` };
  // No employee given: the superuser 999999, the integrators' default [INFERRED].
  const employeeNumber = doc.employeeNumber || (store.employees.has(SUPERUSER) ? SUPERUSER : ([...store.employees.keys()][0] ?? 0));
  const employee = store.employees.get(employeeNumber);
  if (!employee) return { result: 'FAILED', message: `Employee ${employeeNumber} does not exist.` };
  return { employeeNumber, relationName: relation.name ?? relation.companyName ?? '', employeeName: employee.name ?? '' };
}

/** Payments must use a known method; they are stamped like the server would. */
export function registerPayments(store: MplusSandboxStore, payments: readonly MplusPayment[], employeeNumber: number): MplusPayment[] | string {
  const stamped: MplusPayment[] = [];
  for (const p of payments) {
    if (!store.paymentMethods.some((m) => m.method === p.method)) return `Payment method ${p.method} does not exist.`;
    stamped.push({
      ...p,
      paymentId: p.paymentId || randomUUID(),
      financialDate: p.financialDate ?? amsterdamDate(store.now()),
      entryTimestamp: p.entryTimestamp ?? store.nowIso(),
      branchNumber: p.branchNumber ?? store.branchNumber,
      employeeNumber: p.employeeNumber ?? employeeNumber,
    });
  }
  return stamped;
}

/**
 * Optimistic concurrency: an update must carry the changeCounter and versionNumber last read
 * [INFERRED strict: a missing one counts as stale, so flows that forget them fail in the sandbox].
 */
export function isStale(stored: Document, update: Document): boolean {
  return update.changeCounter !== stored.changeCounter || update.versionNumber !== stored.versionNumber;
}

/** The fields whose change is a real change (used for NO-CHANGES and versionNumber). */
export function businessView(doc: Document): string {
  const lines = (doc.lineList ?? []).map((l: MplusLine) => [l.articleNumber, l.text, l.data?.quantity, l.data?.price, l.data?.priceExcl, l.data?.vatCode, l.data?.discountPercentage]);
  const { relationNumber, employeeNumber, reference, deliveryAddress, invoiceAddress, financialDate, vatMethod, vatCountryIso3 } = doc;
  const extra = 'extOrderId' in doc ? [doc.extOrderId, doc.deliveryMethod, doc.deliveryDate, doc.paymentMethod] : [doc.extInvoiceId, doc.dueDate];
  return JSON.stringify([relationNumber, employeeNumber, reference, deliveryAddress, invoiceAddress, financialDate, vatMethod, vatCountryIso3, extra, lines]);
}

/** "Important" changes raise versionNumber; every change raises changeCounter. */
export function importantView(doc: Document): string {
  return JSON.stringify([doc.relationNumber, doc.vatMethod, doc.totalInclAmount, (doc.lineList ?? []).map((l) => [l.articleNumber, l.data?.quantity, l.data?.price])]);
}

export interface DocumentFilter {
  fromFinancialDate?: string;
  throughFinancialDate?: string;
  branchNumbers?: number[];
  employeeNumbers?: number[];
  relationNumbers?: number[];
  articleNumbers?: number[];
}

export function matchesFilter(doc: Document, f: DocumentFilter): boolean {
  const date = doc.financialDate ?? '';
  return (
    (!f.fromFinancialDate || date >= f.fromFinancialDate) &&
    (!f.throughFinancialDate || date <= f.throughFinancialDate) &&
    (!f.branchNumbers?.length || f.branchNumbers.includes(doc.financialBranchNumber ?? -1)) &&
    (!f.employeeNumbers?.length || f.employeeNumbers.includes(doc.employeeNumber ?? -1)) &&
    (!f.relationNumbers?.length || f.relationNumbers.includes(doc.relationNumber ?? -1)) &&
    (!f.articleNumbers?.length || (doc.lineList ?? []).some((l) => f.articleNumbers?.includes(l.articleNumber)))
  );
}

/** Server-owned fields a client cannot set on create or update. */
export const serverOwnedDocumentFields = [
  'syncMarker',
  'totalInclAmount',
  'totalExclAmount',
  'vatGroupList',
  'changeCounter',
  'versionNumber',
  'relationName',
  'employeeName',
  'transactionString',
] as const;

export function withoutServerFields<T extends object>(doc: T, extra: readonly string[] = []): Partial<T> {
  const out = { ...doc } as Record<string, unknown>;
  for (const key of [...serverOwnedDocumentFields, ...extra]) delete out[key];
  return out as Partial<T>;
}
