/** Sandbox-only arithmetic of documents: due dates and payment references. The money is ../document-totals.ts. */

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
