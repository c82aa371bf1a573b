/**
 * When a schedule's ticks fall, computed by croner from any given moment (so the scheduler can
 * run on an injected clock). Across daylight-saving changes croner follows Vixie cron with
 * `fixedTimeRule: 'no-wildcard'`: a job at fixed times (no * or step in its minute and hour, e.g.
 * "30 2 * * *" or "30 1-3 * * *") runs once when its time occurs twice (autumn) and at the end
 * of the gap when its time is skipped (spring); a job with a wildcard or step in them ("*\/15 * * * *",
 * "0 * * * *") runs at every real occurrence, in both passes of a repeated hour.
 */
import { Cron } from 'croner';
import type { FlowDocument } from '../api/flow-document';

export class CronError extends Error {}

export type Schedule = NonNullable<FlowDocument['schedule']>;

/** A croner job that only computes (it never starts a timer of its own). */
export function cronOf(schedule: Pick<Schedule, 'cron' | 'timezone'>): Cron {
  return new Cron(schedule.cron, { paused: true, timezone: schedule.timezone, fixedTimeRule: 'no-wildcard' });
}

/** Checks a cron expression (and its time zone) and says what is wrong with it in words. */
export function checkCron(cron: string, timezone?: string): void {
  let next: Date | null;
  try {
    next = cronOf({ cron, timezone }).nextRun();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (timezone && /timezone/i.test(reason)) throw new CronError(`The schedule's time zone "${timezone}" is not one Sincro knows. Use a name like "Europe/Amsterdam", or leave it out for this computer's time.`);
    throw new CronError(`The schedule "${cron}" is not a valid cron expression: ${reason}. Example: "*/15 * * * *" runs every 15 minutes.`);
  }
  if (!next) throw new CronError(`The schedule "${cron}" never runs (no date matches it). Example: "0 6 * * *" runs every day at 06:00.`);
}

/** The first tick strictly after `after` (ms), or null when there is none. */
export function nextTick(job: Cron, after: number): number | null {
  return job.nextRun(new Date(after))?.getTime() ?? null;
}

/** The next `n` ticks after `after`. */
export function nextTicks(job: Cron, n: number, after: number): number[] {
  return job.nextRuns(n, new Date(after)).map((d) => d.getTime());
}

export interface DueTicks {
  first: number;
  last: number;
  /** The tick before the last, when there are two or more. */
  beforeLast: number | null;
  count: number;
}

/** Counting stops here; a longer gap's count says "at least" and its last tick is still exact. */
export const MAX_COUNTED_TICKS = 100_000;

/** The ticks from `from` (a tick) up to `until`, both included; undefined when `from` is later. */
export function dueTicks(job: Cron, from: number, until: number): DueTicks | undefined {
  if (from > until) return undefined;
  let count = 1;
  let beforeLast: number | null = null;
  let last = from;
  for (let t = nextTick(job, from); t !== null && t <= until; t = nextTick(job, t)) {
    beforeLast = last;
    last = t;
    if (++count >= MAX_COUNTED_TICKS) {
      // A gap of months of an every-second schedule: jump to its end rather than walk it.
      const end = job.previousRuns(2, new Date(until + 1)).map((d) => d.getTime());
      if (end[0] !== undefined && end[0] > last) {
        last = end[0];
        beforeLast = end[1] !== undefined && end[1] > from ? end[1] : beforeLast;
      }
      break;
    }
  }
  return { first: from, last, beforeLast, count };
}
