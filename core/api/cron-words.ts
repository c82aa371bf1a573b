/**
 * Cron expressions in plain words, and the few schedules most shops want. Only what the one check
 * (cron-check.ts) accepts is put in words: anything else reads "Not a valid schedule", and the
 * screen shows the check's own message. Shared by the screen and `sincro schedule list`, so both
 * say it the same way.
 */
import { cronProblem } from './cron-check';

/** What an expression the check refuses reads as. */
export const NOT_A_SCHEDULE = 'Not a valid schedule';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const SCHEDULE_PRESETS: Array<{ cron: string; label: string }> = [
  { cron: '*/15 * * * *', label: 'Every 15 minutes' },
  { cron: '0 * * * *', label: 'Every hour' },
  { cron: '0 6 * * *', label: 'Every day at 06:00' },
  { cron: '0 7 * * 1-5', label: 'Weekdays at 07:00' },
];

const two = (n: string) => n.padStart(2, '0');
const isNum = (s: string) => /^\d+$/.test(s);

const NICKNAME_WORDS: Record<string, string> = {
  '@hourly': 'Every hour, on the hour',
  '@daily': 'Every day at 00:00',
  '@midnight': 'Every day at 00:00',
  '@weekly': 'Every Sunday at 00:00',
  '@monthly': 'On day 1 of every month at 00:00',
  '@yearly': 'Every year on 1 January at 00:00',
  '@annually': 'Every year on 1 January at 00:00',
};

/** Every `n` units: said plainly when the step divides the unit's cycle, else with where it restarts. */
function everyStep(n: number, cycle: number, unit: string, at: (v: number) => string): string {
  if (n === 1) return `Every ${unit}`;
  if (cycle % n === 0) return `Every ${n} ${unit}s`;
  const last = Math.floor((cycle - 1) / n) * n;
  // "*/7" restarts at :00 every hour: the gap before it is shorter, so say where it runs.
  return `Every ${n} ${unit}s from ${at(0)} to ${at(last)}, each ${unit === 'hour' ? 'day' : unit === 'minute' ? 'hour' : 'minute'}`;
}

export function cronInWords(cron: string): string {
  if (cronProblem(cron) !== undefined) return NOT_A_SCHEDULE;
  const trimmed = cron.trim();
  if (trimmed.startsWith('@')) return NICKNAME_WORDS[trimmed.toLowerCase()] ?? `Custom schedule: ${trimmed}`;
  const parts = trimmed.split(/\s+/);
  if (parts.length === 6) {
    const [sec, ...rest] = parts as [string, ...string[]];
    if (sec === '0') return fiveFieldWords(rest.join(' '));
    const step = /^\*\/(\d+)$/.exec(sec);
    if ((sec === '*' || step) && rest.every((p) => p === '*')) return everyStep(step ? Number(step[1]) : 1, 60, 'second', (v) => `:${two(String(v))}`);
    return `Custom schedule (with seconds): ${trimmed}`;
  }
  return fiveFieldWords(trimmed);
}

function fiveFieldWords(cron: string): string {
  const parts = cron.split(/\s+/);
  const [min, hour, dom, mon, dow] = parts as [string, string, string, string, string];
  const anyDay = dom === '*' && mon === '*';
  const every = /^\*\/(\d+)$/;
  if (every.test(min) && hour === '*' && anyDay && dow === '*') return everyStep(Number(every.exec(min)?.[1]), 60, 'minute', (v) => `:${two(String(v))}`);
  if (min === '*' && hour === '*' && anyDay && dow === '*') return 'Every minute';
  if (isNum(min) && hour === '*' && anyDay && dow === '*') return Number(min) === 0 ? 'Every hour, on the hour' : `Every hour at ${two(min)} minutes past`;
  if (isNum(min) && every.test(hour) && anyDay && dow === '*') {
    const n = Number(every.exec(hour)?.[1]);
    const past = Number(min) === 0 ? 'on the hour' : `at ${two(min)} minutes past`;
    if (n === 1 || 24 % n === 0) return `${everyStep(n, 24, 'hour', String)}, ${past}`;
    return everyStep(n, 24, 'hour', (v) => `${two(String(v))}:${two(min)}`);
  }
  if (isNum(min) && /^\d+(,\d+)*$/.test(hour)) {
    const times = hour.split(',').map((h) => `${two(h)}:${two(min)}`).join(' and ');
    if (anyDay && dow === '*') return `Every day at ${times}`;
    if (anyDay && dow === '1-5') return `Weekdays at ${times}`;
    if (anyDay && (dow === '0,6' || dow === '6,0')) return `Weekends at ${times}`;
    if (anyDay && /^[0-7](,[0-7])*$/.test(dow)) return `Every ${dow.split(',').map((d) => DAYS[Number(d) % 7]).join(' and ')} at ${times}`;
    if (isNum(dom) && mon === '*' && dow === '*') return `On day ${Number(dom)} of every month at ${times}`;
  }
  return `Custom schedule: ${cron}`;
}
