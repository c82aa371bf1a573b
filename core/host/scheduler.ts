/**
 * Background schedules (croner): each flow whose schedule is switched on runs at its cron times
 * through the RunManager, which tells the end of every run it runs (run-notices.ts: a failure
 * at once, a flow that keeps failing once with a count; MISSION PLT-4). A run that is still busy
 * at the next tick is skipped, not stacked; one that cannot start raises a notice here.
 */
import { Cron } from 'croner';
import type { AppEvent } from '../api/contract';
import type { FlowDocument } from '../api/flow-document';
import type { Store } from '../store/store';
import { FlowBusyError, type RunManager } from './run-manager';

export class CronError extends Error {}

export function nextRunOf(schedule: FlowDocument['schedule']): string | null {
  if (!schedule?.enabled) return null;
  const job = new Cron(schedule.cron, { paused: true, timezone: schedule.timezone });
  const next = job.nextRun();
  job.stop();
  return next ? next.toISOString() : null;
}

/** Checks a cron expression and says what is wrong with it in words. */
export function checkCron(cron: string, timezone?: string): void {
  try {
    new Cron(cron, { paused: true, timezone }).stop();
  } catch (e) {
    throw new CronError(`The schedule "${cron}" is not a valid cron expression: ${e instanceof Error ? e.message : String(e)}. Example: "*/15 * * * *" runs every 15 minutes.`);
  }
}

export class Scheduler {
  private readonly jobs = new Map<string, Cron>();
  private pausedNow = false;

  constructor(
    private readonly store: Store,
    private readonly runs: RunManager,
    private readonly notify: (event: AppEvent) => void,
  ) {}

  /** Reads every stored flow's schedule; call at start and after a flow is saved or deleted. */
  refresh(): void {
    if (this.pausedNow) return;
    const wanted = new Map<string, NonNullable<FlowDocument['schedule']>>();
    for (const f of this.store.flows.list()) {
      const schedule = this.store.flows.get(f.id)?.doc.schedule;
      if (schedule?.enabled) wanted.set(f.id, schedule);
    }
    for (const [flowId, job] of this.jobs) {
      const s = wanted.get(flowId);
      if (!s || job.getPattern() !== s.cron) {
        job.stop();
        this.jobs.delete(flowId);
      }
    }
    for (const [flowId, s] of wanted) {
      if (this.jobs.has(flowId)) continue;
      this.jobs.set(flowId, new Cron(s.cron, { timezone: s.timezone, protect: true }, () => this.tick(flowId)));
    }
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  /** Stops every job without touching the flows' saved schedules; resume brings them back. */
  pause(): void {
    this.pausedNow = true;
    this.stop();
  }

  resume(): void {
    this.pausedNow = false;
    this.refresh();
  }

  nextRun(flowId: string): string | null {
    return this.jobs.get(flowId)?.nextRun()?.toISOString() ?? null;
  }

  private tick(flowId: string): void {
    try {
      this.runs.start(flowId, { trigger: 'schedule' });
    } catch (e) {
      if (e instanceof FlowBusyError) return;
      const name = this.store.flows.get(flowId)?.doc.name ?? flowId;
      this.notify({ type: 'notice', level: 'error', title: `The scheduled run of "${name}" could not start`, message: e instanceof Error ? e.message : String(e), flowId });
    }
  }

  stop(): void {
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
  }
}
