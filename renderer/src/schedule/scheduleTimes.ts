/**
 * A schedule's next run times and how often it runs, in words a user reads: times in the user's
 * own time zone, or in the schedule's named time zone when it has one.
 */
import { cronFields, nextRunTimes, shortestInterval } from '../lib/cron';
import { formatDuration, plural } from '../lib/words';

export interface ScheduleTimes {
  /** The next three runs, worded ("Thu 3 Dec, 06:00"). */
  next: string[];
  /** The time zone the times are written in, when it is not the user's own. */
  zoneNamed: string | null;
}

/** The user's own time zone (the browser's). */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The next `n` run times of a valid schedule after `now`: computed in the schedule's own time zone,
 * or else in the time zone of the computer that runs the schedules (`hostTimeZone`), exactly as
 * `sincro schedule list` does; written in the schedule's time zone (named) or the user's own.
 */
export function scheduleTimes(schedule: { cron: string; timezone?: string | undefined }, hostTimeZone: string | undefined, now: number, n = 3): ScheduleTimes {
  const timezone = schedule.timezone ?? hostTimeZone;
  const times = nextRunTimes({ cron: schedule.cron, timezone }, n, now);
  const shownIn = schedule.timezone ?? localTimeZone();
  const withSeconds = (cronFields(schedule.cron)?.length ?? 5) === 6;
  const format = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' as const } : {}),
    timeZone: shownIn,
  });
  return { next: times.map((t) => format.format(new Date(t))), zoneNamed: shownIn === localTimeZone() ? null : shownIn };
}

/** "5 minutes", "1 hour 30 minutes", "2 days": how long between two runs. */
export function spanWords(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return plural(s, 'second');
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${plural(m, 'minute')} ${plural(s % 60, 'second')}` : plural(m, 'minute');
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${plural(h, 'hour')} ${plural(m % 60, 'minute')}` : plural(h, 'hour');
  const d = Math.floor(h / 24);
  return h % 24 ? `${plural(d, 'day')} ${plural(h % 24, 'hour')}` : plural(d, 'day');
}

/**
 * The warning for a schedule that comes round faster than the flow runs: its shortest gap between
 * two runs is shorter than the last run took, so a time that comes while a run goes on is skipped.
 */
export function overlapWarning(schedule: { cron: string; timezone?: string | undefined }, hostTimeZone: string | undefined, lastRunMs: number | null, now: number): string | null {
  if (lastRunMs === null || lastRunMs <= 0) return null;
  const interval = shortestInterval({ cron: schedule.cron, timezone: schedule.timezone ?? hostTimeZone }, now);
  if (interval === null || interval >= lastRunMs) return null;
  const every = spanWords(interval).replace(/^1 (\w+)$/, '$1');
  return `Runs every ${every}, but its last run took ${formatDuration(lastRunMs)}: a time that comes while it runs is skipped.`;
}
