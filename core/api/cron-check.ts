/**
 * The one check of a schedule's cron expression, for the screen and the host alike: the editor
 * shows its message at the cron field before anything is saved, the host refuses the same
 * expressions on save, and the scheduler and `sincro schedule list` compute their times with the
 * same croner job. croner is a pure library (no Node module, no dependency), so this file may be
 * bundled into the renderer.
 *
 * What is accepted: five fields (minute hour day-of-month month day-of-week) or six with seconds
 * first, or one of croner's nicknames (@hourly, @daily, @midnight, @weekly, @monthly, @yearly,
 * @annually). croner's seventh field (years) is refused: the README promises five or six.
 */
import { Cron } from 'croner';

export class CronError extends Error {}

export interface CronSchedule {
  cron: string;
  /** An IANA name; the host computer's time when left out. */
  timezone?: string | undefined;
}

const EXAMPLE = 'Example: "*/15 * * * *" runs every 15 minutes.';
const NICKNAMES = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

interface Field {
  name: string;
  plural: string;
  min: number;
  max: number;
}
const SECONDS: Field = { name: 'second', plural: 'seconds', min: 0, max: 59 };
const FIVE_FIELDS: Field[] = [
  { name: 'minute', plural: 'minutes', min: 0, max: 59 },
  { name: 'hour', plural: 'hours', min: 0, max: 23 },
  { name: 'day of the month', plural: 'days of the month', min: 1, max: 31 },
  { name: 'month', plural: 'months', min: 1, max: 12 },
  { name: 'day of the week', plural: 'days of the week', min: 0, max: 7 },
];

/** The fields of a five- or six-field expression, or undefined for a nickname. */
export function cronFields(cron: string): string[] | undefined {
  const trimmed = cron.trim();
  return trimmed.startsWith('@') ? undefined : trimmed.split(/\s+/);
}

/**
 * What is wrong with the expression's shape or numbers, naming the field (croner's own messages
 * name its inner fields and are off by one for days and months: "Invalid value for month: 12"
 * for a 13); undefined when croner should judge the rest (names, L, W, #).
 */
function shapeProblem(cron: string): string | undefined {
  const trimmed = cron.trim();
  if (!trimmed) return `The schedule is empty. ${EXAMPLE}`;
  const quoted = `The schedule "${trimmed}"`;
  if (trimmed.startsWith('@')) {
    return NICKNAMES.includes(trimmed.toLowerCase()) ? undefined : `${quoted} is not one Sincro knows: the short ones are ${NICKNAMES.join(', ')}. ${EXAMPLE}`;
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return `${quoted} has ${parts.length} part${parts.length === 1 ? '' : 's'}; a schedule has five (minute, hour, day of the month, month, day of the week), or six with seconds first. ${EXAMPLE}`;
  }
  const fields = parts.length === 6 ? [SECONDS, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (const [i, part] of parts.entries()) {
    const field = fields[i] as Field;
    for (const item of part.split(',')) {
      if (item === '') return `${quoted}: the ${field.name} field "${part}" has an empty entry between its commas.`;
      const m = /^(\*|\?|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(item);
      if (!m) continue;
      const [, from, to, step] = m as unknown as [string, string, string | undefined, string | undefined];
      for (const v of [from, to]) {
        if (v === undefined || !/^\d+$/.test(v)) continue;
        const n = Number(v);
        if (n < field.min || n > field.max) return `${quoted}: the ${field.name} ${n} is out of range (${field.plural} go from ${field.min} to ${field.max}).`;
      }
      if (to !== undefined && Number(to) < Number(from)) return `${quoted}: the ${field.name} range ${from}-${to} runs backwards; write the smaller number first.`;
      if (step !== undefined) {
        const n = Number(step);
        if (n < 1) return `${quoted}: a step of ${n} ${field.plural} ("/${step}") never moves on; use 1 or more.`;
        if (n > field.max) return `${quoted}: a step of ${n} ${field.plural} is longer than the ${field.name} field (it goes up to ${field.max}). ${EXAMPLE}`;
        if (/^\d+$/.test(from) && to === undefined) return `${quoted}: "${item}" is not read the same by every cron; write "${from}-${field.max}/${step}" for every ${step} ${field.plural} from ${from}.`;
      }
    }
  }
  return undefined;
}

/** A croner job that only computes (it never starts a timer of its own); throws CronError for an expression the check refuses. */
export function cronOf(schedule: CronSchedule): Cron {
  const problem = shapeProblem(schedule.cron);
  if (problem) throw new CronError(problem);
  try {
    return new Cron(schedule.cron.trim(), { paused: true, timezone: schedule.timezone, fixedTimeRule: 'no-wildcard' });
  } catch (e) {
    throw new CronError(`The schedule "${schedule.cron.trim()}" is not a valid cron expression: ${reasonOf(e)}. ${EXAMPLE}`);
  }
}

const reasonOf = (e: unknown) =>
  (e instanceof Error ? e.message : String(e))
    .replace(/^CronPattern:\s*/, '')
    .replace(/^Syntax error,\s*/i, '')
    .replace(/\.$/, '');

/**
 * What is wrong with a schedule, in words that name the field; undefined when it is one Sincro
 * runs. An expression that never comes (31 February) and an unknown time zone are refused too.
 */
export function cronProblem(cron: string, timezone?: string): string | undefined {
  let next: Date | null;
  try {
    next = cronOf({ cron, timezone }).nextRun();
  } catch (e) {
    if (e instanceof CronError) return e.message;
    if (timezone && /timezone/i.test(reasonOf(e))) return `The schedule's time zone "${timezone}" is not one Sincro knows. Use a name like "Europe/Amsterdam", or leave it out for this computer's time.`;
    return `The schedule "${cron.trim()}" cannot be read: ${reasonOf(e)}. ${EXAMPLE}`;
  }
  if (!next) return `The schedule "${cron.trim()}" never runs (no date matches it). Example: "0 6 * * *" runs every day at 06:00.`;
  return undefined;
}

/** Throws CronError with cronProblem's words when the schedule is not one Sincro runs. */
export function checkCron(cron: string, timezone?: string): void {
  const problem = cronProblem(cron, timezone);
  if (problem) throw new CronError(problem);
}

/** The first tick strictly after `after` (ms), or null when there is none. */
export function nextTick(job: Cron, after: number): number | null {
  return job.nextRun(new Date(after))?.getTime() ?? null;
}

/** The next `n` ticks after `after`. */
export function nextTicks(job: Cron, n: number, after: number): number[] {
  return job.nextRuns(n, new Date(after)).map((d) => d.getTime());
}

/** The next `n` run times (ms) of a schedule after `after`; throws CronError for one the check refuses. */
export function nextRunTimes(schedule: CronSchedule, n: number, after: number): number[] {
  return nextTicks(cronOf(schedule), n, after);
}

/**
 * The shortest time between two of the schedule's runs, looking at the next `ticks` of them
 * (enough to cover a week of an hourly schedule's gaps at night); null when it runs once or never.
 */
export function shortestInterval(schedule: CronSchedule, after: number, ticks = 200): number | null {
  const times = nextRunTimes(schedule, ticks, after);
  let shortest: number | null = null;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    if (shortest === null || gap < shortest) shortest = gap;
  }
  return shortest;
}
