/**
 * Dates and times as a person types them on the command line, for `--since` / `--until`: a day
 * (2026-11-30, in this computer's time zone), a time (2026-11-30T14:00, 2026-11-30T14:00:00Z), or
 * a span back from now (30m, 12h, 7d). A day given as the end of a range counts whole.
 */
import { UsageError } from './exit-codes';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SPAN = /^(\d{1,6})([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The ISO time the option means; `endOfDay`: a day means the moment after it. */
export function parseWhen(text: string, option: string, opts: { endOfDay?: boolean; now?: number } = {}): string {
  const t = text.trim();
  const span = SPAN.exec(t);
  if (span) return new Date((opts.now ?? Date.now()) - Number(span[1]) * UNIT_MS[span[2] as keyof typeof UNIT_MS]).toISOString();
  const day = DAY.exec(t);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    const start = new Date(y, m, d);
    if (start.getFullYear() === y && start.getMonth() === m && start.getDate() === d) return new Date(y, m, d + (opts.endOfDay ? 1 : 0)).toISOString();
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  throw new UsageError(`${option} "${text}" is not a date or time: give a day (2026-11-30), a time (2026-11-30T14:00) or a span back from now (12h, 7d).`);
}
