/**
 * A real scheduler on a fake clock for tests: a store in a data folder, the real RunManager and
 * node types (each tick starts a real run), and helpers to schedule flows and read the log.
 */
import type { AppEvent } from '../api/contract';
import type { FlowDocument } from '../api/flow-document';
import type { ScheduleLogEntry } from '../api/schedules';
import { RunManager } from '../host/run-manager';
import { Scheduler } from '../host/scheduler';
import { builtinRegistry } from '../nodes/builtin';
import { Store } from '../store/store';
import { FakeClock } from './fake-clock';
import { flow, tempDir } from './golden';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HarnessOptions {
  /** The fake clock's start (ISO) or a clock to share. */
  clock: FakeClock | string;
  dataDir?: string;
  name?: string;
}

export class SchedulerHarness {
  readonly clock: FakeClock;
  readonly store: Store;
  readonly runs: RunManager;
  readonly scheduler: Scheduler;
  readonly notices: AppEvent[] = [];
  readonly dataDir: string;
  private readonly dir: { remove(): void } | undefined;
  private readonly flowIds = new Set<string>();

  constructor(opts: HarnessOptions) {
    this.clock = typeof opts.clock === 'string' ? new FakeClock(Date.parse(opts.clock)) : opts.clock;
    const dir = opts.dataDir ? undefined : tempDir('sincro-scheduler-');
    this.dir = dir;
    this.dataDir = opts.dataDir ?? (dir as { path: string }).path;
    this.store = Store.open({ dataDir: this.dataDir });
    this.runs = new RunManager(this.store, builtinRegistry());
    this.scheduler = new Scheduler(this.store, this.runs, (e) => this.notices.push(e), { clock: this.clock, name: opts.name ?? 'a test scheduler' });
  }

  /** Stores a one-record flow with this schedule (a new version when it changed). */
  schedule(id: string, schedule: FlowDocument['schedule'], nodes?: Parameters<typeof flow>[0]['nodes'], edges?: FlowDocument['edges']): void {
    this.flowIds.add(id);
    const doc = flow({ id, name: `Flow ${id}`, schedule, nodes: nodes ?? [{ id: 'src', type: 'core.source.sample', config: { records: [{ n: 1 }] } }], ...(edges ? { edges } : {}) });
    this.store.flows.save(doc);
  }

  /** Waits (real time) until no run of a scheduled flow is going on in this process. */
  readonly settle = async (): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while ([...this.flowIds].some((id) => this.runs.isRunning(id))) {
      if (Date.now() > deadline) throw new Error('a scheduled run did not end within 30 s');
      await pause(2);
    }
  };

  advance(ms: number): Promise<void> {
    return this.clock.advance(ms, this.settle);
  }

  advanceTo(iso: string): Promise<void> {
    return this.clock.advanceTo(Date.parse(iso), this.settle);
  }

  /** The flow's log, oldest first, as [outcome, planned, last planned, ticks]. */
  log(flowId: string): Array<[ScheduleLogEntry['outcome'], string, string, number]> {
    return this.store.schedules
      .log({ flowId, limit: 10_000 })
      .reverse()
      .map((e) => [e.outcome, e.plannedAt, e.lastPlannedAt, e.ticks]);
  }

  /** Planned times of the ticks that started a run (fired or caught up), oldest first. */
  fired(flowId: string): string[] {
    return this.log(flowId)
      .filter(([o]) => o === 'fired' || o === 'caught-up')
      .map(([, at]) => at);
  }

  /** The flow's runs in the store, oldest first. */
  storedRuns(flowId: string) {
    return this.store.runs.list({ flowId, limit: 10_000 }).reverse();
  }

  async close(opts: { removeData?: boolean } = {}): Promise<void> {
    this.scheduler.stop();
    await this.runs.stopAll();
    this.store.close();
    if (opts.removeData ?? true) this.dir?.remove();
  }
}
