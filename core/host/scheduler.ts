/**
 * Background schedules: each flow whose schedule is on runs at its cron times through the
 * RunManager, in the desktop app, `sincro serve` or `sincro schedule run`, whichever holds the data
 * folder's scheduler lock (the others wait and take over when it goes).
 *
 * The scheduler wakes at the next tick, and at least every WAKE_MS to renew its lock and see
 * flows saved by other processes. At each wake it compares the wall clock with every flow's next
 * tick, so ticks that passed while the computer slept, the app was closed or the process hung are
 * found (also at start, from the stored place in each schedule) and handled by the flow's catch-up
 * policy. Every planned tick is logged: fired, busy, paused, missed or caught up.
 *
 * The RunManager tells the end of every run it runs (run-notices.ts: a failure at once, a flow that
 * keeps failing once with a count; MISSION PLT-4); a run that cannot start raises a notice here.
 */
import { EventEmitter } from 'node:events';
import type { AppEvent } from '../api/contract';
import type { CatchUpPolicy } from '../api/flow-document';
import type { SchedulerHolderInfo } from '../api/schedules';
import { HEARTBEAT_MS, newRunOwner } from '../store/run-owner';
import { SchedulerLock } from '../store/scheduler-lock';
import type { TickRecord } from '../store/schedules';
import type { Store } from '../store/store';
import { systemClock, type SchedulerClock } from './schedule-clock';
import { cronOf, cronProblem, dueTicks, nextTick, type Schedule } from './schedule-plan';
import { reconcileStates, sameTimes } from './schedule-states';
import { startScheduledRun, type ScheduleRunner } from './scheduled-run';

export { checkCron, CronError } from './schedule-plan';

/** The longest the scheduler sleeps: its lock's heartbeat, and how soon it sees other processes' edits. */
export const WAKE_MS = HEARTBEAT_MS;
/** A tick found this late still runs as planned; an older one was missed (sleep, closed, hung). */
export const ON_TIME_MS = 60_000;

interface Job {
  flowId: string;
  schedule: Schedule;
  catchUp: CatchUpPolicy;
  cron: ReturnType<typeof cronOf>;
  next: number | null;
}

export interface LoggedTicks {
  flowId: string;
  flowName: string;
  ticks: TickRecord[];
}

export type HolderChange = { held: true; tookOverFrom?: SchedulerHolderInfo } | { held: false; holder: SchedulerHolderInfo };

export interface SchedulerOptions {
  clock?: SchedulerClock;
  /** How another process names this one when it holds the lock ("the desktop app"). */
  name?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class Scheduler {
  readonly events = new EventEmitter<{ logged: [LoggedTicks]; holder: [HolderChange] }>();
  private readonly clock: SchedulerClock;
  private readonly lock: SchedulerLock;
  private readonly jobs = new Map<string, Job>();
  private pausedNow = false;
  private started = false;
  private holding = false;
  private otherHolder: SchedulerHolderInfo | undefined;
  private timer: unknown;
  /** The flows as last planned (holder), and whether a save here asks for a new look. */
  private flowsSeen = '';
  private flowsSaved = true;
  /** Problems reported once each: a cron that cannot be read, a data file that cannot be. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly runs: ScheduleRunner,
    private readonly notify: (event: AppEvent) => void,
    opts: SchedulerOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.lock = new SchedulerLock(store.db, newRunOwner(), opts.name ?? 'another Sincro');
  }

  /** Takes the lock when it can (or waits for it) and makes up for ticks missed since the last scheduler. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.wake();
  }

  /** Stops planning and lets go of the lock, so another process may take over at once. */
  stop(): void {
    this.started = false;
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.jobs.clear();
    if (this.holding && this.store.db.open) this.lock.release();
    this.holding = false;
  }

  /** After a flow was saved or deleted here: its schedule's place is brought up to date and planned. */
  refresh(): void {
    if (!this.started) return;
    this.flowsSaved = true;
    this.wake();
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  /** Ticks go on being planned and are logged as skipped, until resume. The saved schedules are untouched. */
  pause(): void {
    this.pausedNow = true;
  }

  resume(): void {
    this.pausedNow = false;
  }

  /** Whether this process runs the schedules, and who does when another one does. */
  status(): { holding: boolean; holder: SchedulerHolderInfo | undefined; paused: boolean } {
    return { holding: this.holding, holder: this.store.db.open ? this.lock.holder(this.clock.now()) : undefined, paused: this.pausedNow };
  }

  /** The next planned run of a flow; null when it has none or schedules are paused. */
  nextRun(flowId: string): string | null {
    if (this.pausedNow) return null;
    if (this.holding) {
      const next = this.jobs.get(flowId)?.next;
      return next ? iso(next) : null;
    }
    // Another process plans it: what its cron says from now (or nothing for an unreadable cron).
    const schedule = this.store.flows.get(flowId)?.doc.schedule;
    if (!schedule?.enabled) return null;
    try {
      const next = nextTick(cronOf(schedule), this.clock.now());
      return next === null ? null : iso(next);
    } catch {
      return null;
    }
  }

  /**
   * Looks at the clock now: renews (or takes) the lock, picks up changed flows, handles due and
   * missed ticks, and sets the next wake. The OS's resume after sleep calls this at once.
   */
  wake(): void {
    if (!this.started) return;
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
    const now = this.clock.now();
    try {
      if (this.claim(now)) {
        this.plan(now);
        for (const job of this.jobs.values()) this.handleDue(job, now);
      } else if (this.flowsSaved) {
        // Saved here while another process holds the lock: the holder plans from what is stored.
        reconcileStates(this.store, now);
      }
      this.flowsSaved = false;
    } catch (e) {
      // The file is busy or closing: the next wake tries again; a store closed for good ends here.
      if (!this.store.db.open) return void (this.started = false);
      this.reportOnce('store', 'warn', 'Schedules', `The scheduler could not read the data file: ${e instanceof Error ? e.message : String(e)}. It tries again in a few seconds.`);
    }
    if (!this.started) return;
    const due = Math.min(...[...this.jobs.values()].map((j) => j.next ?? Infinity));
    const delay = Math.max(0, Math.min(WAKE_MS, due - this.clock.now()));
    this.timer = this.clock.setTimer(() => this.wake(), delay);
  }

  private claim(now: number): boolean {
    const claim = this.lock.claim(now);
    if (claim.held && !this.holding) {
      this.holding = true;
      this.otherHolder = undefined;
      this.flowsSeen = '';
      this.events.emit('holder', claim);
    } else if (!claim.held) {
      const changed = this.holding || this.otherHolder?.pid !== claim.holder.pid || this.otherHolder.host !== claim.holder.host;
      if (this.holding) {
        // Taken over while this process was silent (suspended, hung): it plans nothing any more.
        this.holding = false;
        this.jobs.clear();
      }
      this.otherHolder = claim.holder;
      if (changed) this.events.emit('holder', claim);
    }
    return claim.held;
  }

  /** Re-reads the flows' schedules when they changed (here or in another process). */
  private plan(now: number): void {
    const seen = this.store.schedules.flowsSignature();
    if (seen === this.flowsSeen && !this.flowsSaved) return;
    this.flowsSeen = seen;
    const scheduled = reconcileStates(this.store, now);
    const wanted = new Map(scheduled.map((s) => [s.flowId, s]));
    for (const [flowId, job] of this.jobs) {
      const s = wanted.get(flowId);
      if (s && sameTimes(job.schedule, s.schedule)) job.catchUp = s.catchUp;
      else this.jobs.delete(flowId); // switched off, deleted, or its times changed: the old job stops
    }
    for (const s of scheduled) {
      if (this.jobs.has(s.flowId)) continue;
      let cron: Job['cron'];
      try {
        cron = cronOf(s.schedule);
        cron.nextRun();
      } catch (e) {
        this.reportUnreadable(s.flowId, s.schedule, e, now);
        continue;
      }
      // From the stored place: ticks after it that passed while no scheduler ran are due now.
      const next = nextTick(cron, Date.parse(s.state.plannedThrough));
      this.jobs.set(s.flowId, { flowId: s.flowId, schedule: s.schedule, catchUp: s.catchUp, cron, next });
      this.store.schedules.setNext(s.flowId, next === null ? null : iso(next), iso(now));
    }
  }

  private handleDue(job: Job, now: number): void {
    if (job.next === null || job.next > now) return;
    const due = dueTicks(job.cron, job.next, now);
    if (!due) return;
    const onTime = now - due.last <= ON_TIME_MS ? due.last : null;
    const ticks: TickRecord[] = [];
    let lastRun: { at: string; runId: string } | undefined;
    const start = (): Pick<TickRecord, 'outcome' | 'runId' | 'message'> => {
      const r = startScheduledRun(this.store, this.runs, job.flowId, this.notify);
      if (r.outcome !== 'fired') return r;
      lastRun = { at: iso(now), runId: r.runId };
      return r;
    };
    if (this.pausedNow) {
      ticks.push({ outcome: 'paused', plannedAt: iso(due.first), lastPlannedAt: iso(due.last), ticks: due.count });
    } else {
      const missed = due.count - (onTime === null ? 0 : 1);
      if (missed > 0) {
        const span = { plannedAt: iso(due.first), lastPlannedAt: iso(onTime === null ? due.last : (due.beforeLast ?? due.first)), ticks: missed };
        if (job.catchUp === 'once' && onTime === null) {
          const r = start();
          ticks.push({ ...span, ...r, outcome: r.outcome === 'fired' ? 'caught-up' : r.outcome });
        } else {
          ticks.push({ ...span, outcome: 'missed', message: job.catchUp === 'skip' ? 'Skipped: this schedule does not make up for missed times.' : 'The run on time right after covers them.' });
        }
      }
      if (onTime !== null) ticks.push({ plannedAt: iso(onTime), lastPlannedAt: iso(onTime), ticks: 1, ...start() });
    }
    job.next = nextTick(job.cron, due.last);
    this.store.schedules.record(job.flowId, ticks, { plannedThrough: iso(due.last), nextRunAt: job.next === null ? null : iso(job.next), loggedAt: iso(now), lastRun });
    this.events.emit('logged', { flowId: job.flowId, flowName: this.store.flows.get(job.flowId)?.doc.name ?? job.flowId, ticks });
  }

  private reportUnreadable(flowId: string, schedule: Schedule, e: unknown, now: number): void {
    // The cron check's own words (the ones the editor shows at the field), else croner's.
    const problem = cronProblem(schedule.cron, schedule.timezone) ?? `The schedule "${schedule.cron}"${schedule.timezone ? ` (${schedule.timezone})` : ''} cannot be read: ${e instanceof Error ? e.message : String(e)}.`;
    const message = `${problem} Fix it on the flow's page.`;
    const name = this.store.flows.get(flowId)?.doc.name ?? flowId;
    if (!this.reportOnce(`${flowId}\u0000${schedule.cron}\u0000${schedule.timezone ?? ''}`, 'error', `The schedule of "${name}" cannot run`, message, flowId)) return;
    const at = iso(now);
    this.store.schedules.record(flowId, [{ outcome: 'error', plannedAt: at, lastPlannedAt: at, ticks: 1, message }], { plannedThrough: at, nextRunAt: null, loggedAt: at });
  }

  /** A notice, once per key; false when it was given before. */
  private reportOnce(key: string, level: 'warn' | 'error', title: string, message: string, flowId?: string): boolean {
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    this.notify({ type: 'notice', level, title, message, ...(flowId ? { flowId } : {}) });
    return true;
  }
}
