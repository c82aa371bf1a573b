/** `sincro schedule list | log [--flow id] | run`: the flows' schedules, the scheduler log, and the scheduler itself. */
import type { Command } from 'commander';
import { cronInWords } from '../../api/cron-words';
import { DEFAULT_CATCH_UP } from '../../api/flow-document';
import { holderWords, OUTCOME_WORDS } from '../../api/schedules';
import { cronOf, nextTicks } from '../../host/schedule-plan';
import { schedulerHolder } from '../../store/scheduler-lock';
import type { Store } from '../../store/store';
import { didYouMean } from '../../util/closest-name';
import type { CliEnv } from '../cli-env';
import { UsageError } from '../exit-codes';
import { n, table } from '../output';
import { registerScheduleRun } from './schedule-run';

/** "2026-12-02 10:15 CET": a time as the schedule's clock shows it (this computer's when it has no zone). */
export function clockTime(ms: number, timezone?: string, seconds = false): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}${seconds ? `:${parts['second']}` : ''} ${parts['timeZoneName']}`;
}

/** A cron with a seconds field runs more often than its minutes say. */
const hasSeconds = (cron: string) => cron.trim().split(/\s+/).length >= 6;

const CATCH_UP_WORDS = { once: 'run once', skip: 'skip' } as const;

function scheduledFlows(store: Store, now: number) {
  return store.flows.list().flatMap((f) => {
    const schedule = store.flows.get(f.id)?.doc.schedule;
    if (!schedule) return [];
    const state = store.schedules.state(f.id);
    let nextRuns: string[] = [];
    let problem: string | undefined;
    if (schedule.enabled) {
      try {
        nextRuns = nextTicks(cronOf(schedule), 3, now).map((t) => new Date(t).toISOString());
      } catch (e) {
        problem = e instanceof Error ? e.message : String(e);
      }
    }
    return [
      {
        flowId: f.id,
        name: f.name,
        enabled: schedule.enabled,
        cron: schedule.cron,
        timezone: schedule.timezone ?? null,
        words: cronInWords(schedule.cron),
        catchUp: schedule.catchUp ?? DEFAULT_CATCH_UP,
        nextRuns,
        lastRunAt: state?.lastRunAt ?? null,
        lastRunId: state?.lastRunId ?? null,
        ...(problem ? { problem } : {}),
      },
    ];
  });
}

function holderLine(store: Store): string {
  const holder = schedulerHolder(store.db);
  return holder
    ? `The schedules of this data folder are run by ${holderWords(holder)}.`
    : 'No scheduler is running for this data folder: schedules run while the desktop app, `sincro serve` or `sincro schedule run` is running.';
}

export function registerSchedule(program: Command, env: CliEnv): void {
  const schedule = program.command('schedule').description("the flows' schedules: list them, read the scheduler log, or run the scheduler in a terminal or as a service");
  const { io } = env;

  schedule
    .command('list')
    .description('each flow with a schedule: when it runs, in words, and its next three run times')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const store = env.store();
      const flows = scheduledFlows(store, Date.now());
      if (opts.json) return io.out(JSON.stringify({ flows, holder: schedulerHolder(store.db) ?? null }, null, 2));
      if (!flows.length) return io.out('No flow has a schedule. Switch one on in the app, or set "schedule" in a flow file (see README).');
      io.out(
        table(
          ['flow', 'schedule', 'missed times', 'next runs', 'last run'],
          flows.map((f) => [
            f.flowId === f.name ? f.name : `${f.name} (${f.flowId})`,
            f.enabled ? `${f.words}${f.timezone ? ` (${f.timezone})` : ''}` : `off (${f.words})`,
            CATCH_UP_WORDS[f.catchUp],
            f.problem ? `cannot run: ${f.problem}` : f.nextRuns.map((t) => clockTime(Date.parse(t), f.timezone ?? undefined, hasSeconds(f.cron))).join(', '),
            f.lastRunAt ? clockTime(Date.parse(f.lastRunAt), f.timezone ?? undefined, hasSeconds(f.cron)) : '',
          ]),
        ),
      );
      io.out('');
      io.out(holderLine(store));
    });

  schedule
    .command('log')
    .description('what became of every planned run: ran, skipped (still running, or paused), missed, caught up')
    .option('--flow <id>', 'only this flow')
    .option('--limit <n>', 'how many entries, newest first', (v) => Number(v), 50)
    .option('--json', 'print JSON')
    .action((opts: { flow?: string; limit: number; json?: boolean }) => {
      if (!(Number.isInteger(opts.limit) && opts.limit > 0)) throw new UsageError('--limit must be a whole number above 0');
      const store = env.store();
      if (opts.flow !== undefined && !store.flows.get(opts.flow) && !store.schedules.loggedFlowIds().includes(opts.flow)) {
        const known = [...new Set([...store.flows.list().map((f) => f.id), ...store.schedules.loggedFlowIds()])];
        throw new UsageError(`There is no flow "${opts.flow}"${didYouMean(opts.flow, known)}. \`sincro schedule list\` shows the scheduled flows.`);
      }
      const entries = store.schedules.log({ flowId: opts.flow, limit: opts.limit });
      if (opts.json) return io.out(JSON.stringify(entries, null, 2));
      if (!entries.length) return io.out(`Nothing in the scheduler log${opts.flow ? ` of "${opts.flow}"` : ''} yet.`);
      const when = (iso: string) => iso.slice(0, 19).replace('T', ' ');
      io.out(
        table(
          ['planned (UTC)', 'flow', 'what happened', 'times', 'run', 'note'],
          entries.map((e) => [
            e.ticks > 1 ? `${when(e.plannedAt)} to ${when(e.lastPlannedAt)}` : when(e.plannedAt),
            e.flowName,
            OUTCOME_WORDS[e.outcome],
            n(e.ticks),
            e.runId,
            e.message,
          ]),
        ),
      );
    });

  registerScheduleRun(schedule, env);
}
