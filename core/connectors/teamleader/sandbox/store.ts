/**
 * The sandbox's in-memory data: the seed, changed in place by the API handlers, with id indexes.
 * The state is always a valid seed, so `state()` can be saved and loaded again. The seed's `oauth`
 * part is not data: the OAuth server keeps it (server.ts `snapshot()` puts it back).
 */
import { randomUUID } from 'node:crypto';
import { toTeamleaderDateTime } from '../schemas-common';
import { badRequest, notFound } from './api-error';
import { emptyOAuthSeed, type TeamleaderSeed } from './seed-schema';

type Collections = {
  [K in keyof TeamleaderSeed as TeamleaderSeed[K] extends { id: string }[] ? K : never]: TeamleaderSeed[K];
};
export type CollectionName = keyof Collections;
export type RecordOf<C extends CollectionName> = Collections[C][number];

export class SandboxStore {
  private data!: TeamleaderSeed;
  private indexes = new Map<CollectionName, Map<string, { id: string }>>();

  constructor(
    seed: TeamleaderSeed,
    private readonly clock: () => number = Date.now,
  ) {
    this.reset(seed);
  }

  reset(seed: TeamleaderSeed): void {
    this.data = { ...structuredClone(seed), oauth: emptyOAuthSeed() };
    this.indexes.clear();
    this.numberBookedInvoices();
    this.dateAndNumberCreditNotes();
  }

  /** The live data (handlers change it); use snapshot() to hand it out. */
  get state(): TeamleaderSeed {
    return this.data;
  }

  snapshot(): TeamleaderSeed {
    return structuredClone(this.data);
  }

  /** Now, as Teamleader writes datetimes (UTC, seconds, +00:00). */
  now(): string {
    return toTeamleaderDateTime(this.clock());
  }

  newId(): string {
    return randomUUID();
  }

  find<C extends CollectionName>(collection: C, id: string): RecordOf<C> | undefined {
    let index = this.indexes.get(collection);
    if (!index) {
      index = new Map((this.data[collection] as { id: string }[]).map((r) => [r.id, r]));
      this.indexes.set(collection, index);
    }
    return index.get(id) as RecordOf<C> | undefined;
  }

  /** An id the request is about (`.info`, `.update`): unknown → 404. */
  require<C extends CollectionName>(collection: C, id: string, what: string): RecordOf<C> {
    const found = this.find(collection, id);
    if (!found) throw notFound(`${what} ${id} not found`);
    return found;
  }

  /** An id the request refers to (`tax_rate_id`, `customer.id`): unknown → 400 ([S] "references non-existing resources"). */
  reference<C extends CollectionName>(collection: C, id: string, what: string, field: string): RecordOf<C> {
    const found = this.find(collection, id);
    if (!found) throw badRequest(`The ${what} ${id} does not exist`, field);
    return found;
  }

  insert<C extends CollectionName>(collection: C, record: RecordOf<C>): void {
    (this.data[collection] as RecordOf<C>[]).push(record);
    this.indexes.get(collection)?.set(record.id, record);
  }

  customerExists(customer: { type: 'contact' | 'company'; id: string }): boolean {
    return customer.type === 'contact' ? Boolean(this.find('contacts', customer.id)) : Boolean(this.find('companies', customer.id));
  }

  /** Booked invoices get a number "<year> / <n>" (per year and department, [I]); seeds may leave it out. */
  nextInvoiceNumber(departmentId: string, year: string): string {
    return nextNumber(this.data.invoices.map((inv) => ({ department_id: inv.department_id, number: inv.invoice_number })), departmentId, year);
  }

  /** Credit notes are numbered the same way, in their own series ([I], seed-schema.ts). */
  nextCreditNoteNumber(departmentId: string, year: string): string {
    return nextNumber(this.data.creditNotes.map((cn) => ({ department_id: cn.department_id, number: cn.credit_note_number })), departmentId, year);
  }

  private numberBookedInvoices(): void {
    const unnumbered = this.data.invoices
      .filter((i) => i.status !== 'draft' && !i.invoice_number)
      .sort((a, b) => String(a.invoice_date).localeCompare(String(b.invoice_date)) || a.id.localeCompare(b.id));
    for (const inv of unnumbered) {
      inv.invoice_date ??= inv.created_at.slice(0, 10);
      inv.invoice_number = this.nextInvoiceNumber(inv.department_id, inv.invoice_date.slice(0, 4));
    }
  }

  /** As booked invoices: a credit note without date is dated on its creation day, then numbered in date order. */
  private dateAndNumberCreditNotes(): void {
    for (const cn of this.data.creditNotes) cn.credit_note_date ??= cn.created_at.slice(0, 10);
    const unnumbered = this.data.creditNotes
      .filter((cn) => !cn.credit_note_number)
      .sort((a, b) => String(a.credit_note_date).localeCompare(String(b.credit_note_date)) || a.id.localeCompare(b.id));
    for (const cn of unnumbered) cn.credit_note_number = this.nextCreditNoteNumber(cn.department_id, String(cn.credit_note_date).slice(0, 4));
  }
}

/** The next "<year> / <n>" of a department's series: one more than the highest of that year. */
function nextNumber(numbered: { department_id: string; number: string | null }[], departmentId: string, year: string): string {
  let max = 0;
  for (const r of numbered) {
    if (r.department_id !== departmentId || !r.number) continue;
    const m = /^(\d{4}) \/ (\d+)$/.exec(r.number);
    if (m && m[1] === year) max = Math.max(max, Number(m[2]));
  }
  return `${year} / ${max + 1}`;
}
