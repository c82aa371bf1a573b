/**
 * When a schedule's ticks fall, computed by croner from any given moment (so the scheduler can
 * run on an injected clock). Across daylight-saving changes croner follows Vixie cron with
 * `fixedTimeRule: 'no-wildcard'`: a job at fixed times (no * or step in its minute and hour, e.g.
 * "30 2 * * *" or "30 1-3 * * *") runs once when its time occurs twice (autumn) and at the end
 * of the gap when its time is skipped (spring); a job with a wildcard or step in them ("*\/15 * * * *",
 * "0 * * * *") runs at every real occurrence, in both passes of a repeated hour.
 */
import type { Cron } from 'croner';
import type { FlowDocument } from '../api/flow-document';
import { nextTick } from '../api/cron-check';

// The check, the croner job and the next times live in the API contract, so the screen checks
// and shows a schedule exactly as the scheduler runs it.
export { checkCron, CronError, cronOf, cronProblem, nextTick, nextTicks } from '../api/cron-check';

export type Schedule = NonNullable<FlowDocument['schedule']>;

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
