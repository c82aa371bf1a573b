/**
 * Cron expressions in plain words, and the few schedules most shops want. The host checks the
 * expression itself (flows.setSchedule answers with the reason when it is wrong); this only says
 * what a valid one means, so nobody has to read "0 6 * * 1-5". Shared by the screen and
 * `sincro schedule list`, so both say it the same way.
 */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const SCHEDULE_PRESETS: Array<{ cron: string; label: string }> = [
  { cron: '*/15 * * * *', label: 'Every 15 minutes' },
  { cron: '0 * * * *', label: 'Every hour' },
  { cron: '0 6 * * *', label: 'Every day at 06:00' },
  { cron: '0 7 * * 1-5', label: 'Weekdays at 07:00' },
];

const two = (n: string) => n.padStart(2, '0');
const isNum = (s: string) => /^\d+$/.test(s);

export function cronInWords(cron: string): string {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return parts.length === 6 ? `Custom schedule (with seconds): ${cron}` : 'Not a schedule Sincro understands yet';
  const [min, hour, dom, mon, dow] = parts as [string, string, string, string, string];
  const anyDay = dom === '*' && mon === '*';
  const every = /^\*\/(\d+)$/;
  if (every.test(min) && hour === '*' && anyDay && dow === '*') {
    const n = Number(every.exec(min)?.[1]);
    return n === 1 ? 'Every minute' : `Every ${n} minutes`;
  }
  if (min === '*' && hour === '*' && anyDay && dow === '*') return 'Every minute';
  if (isNum(min) && hour === '*' && anyDay && dow === '*') return min === '0' ? 'Every hour, on the hour' : `Every hour at ${two(min)} minutes past`;
  if (isNum(min) && every.test(hour) && anyDay && dow === '*') return `Every ${every.exec(hour)?.[1]} hours, at ${two(min)} minutes past`;
  if (isNum(min) && /^[\d,]+$/.test(hour)) {
    const times = hour.split(',').map((h) => `${two(h)}:${two(min)}`).join(' and ');
    if (anyDay && dow === '*') return `Every day at ${times}`;
    if (anyDay && dow === '1-5') return `Weekdays at ${times}`;
    if (anyDay && (dow === '0,6' || dow === '6,0')) return `Weekends at ${times}`;
    if (anyDay && /^[0-7](,[0-7])*$/.test(dow)) return `Every ${dow.split(',').map((d) => DAYS[Number(d) % 7]).join(' and ')} at ${times}`;
    if (isNum(dom) && mon === '*' && dow === '*') return `On day ${dom} of every month at ${times}`;
  }
  return `Custom schedule: ${cron}`;
}
