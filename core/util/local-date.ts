/**
 * The calendar date on this machine's clock, as YYYY-MM-DD: the shop's day. A document booked at
 * 00:30 on 1 January in Brussels is booked on 1 January; the UTC date (`toISOString`) would still
 * be 31 December, the year before.
 */
export function localDate(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
