/**
 * A clock for the scheduler's tests: the wall clock and the timers move only when the test says.
 * `advance` is a machine that stays awake (timers fire in order as time passes); `sleep` is one
 * that is suspended (the wall clock jumps, timers wait: Node's timers run on a monotonic clock
 * that stops while the machine sleeps, so they fire late by the time slept).
 */
import type { SchedulerClock } from '../host/schedule-clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeClock implements SchedulerClock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /**
   * Moves to `ms` later, firing each timer at its time; after each, `settle` runs (e.g. waiting
   * for the run a tick started to end) before time moves on.
   */
  async advance(ms: number, settle: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
      await settle();
    }
    this.time = end;
  }

  /** Advances to an absolute time. */
  async advanceTo(at: number, settle?: () => Promise<void>): Promise<void> {
    await this.advance(at - this.time, settle);
  }

  /** The machine sleeps for `ms`: the wall clock moves on, pending timers are pushed back as far. */
  sleep(ms: number): void {
    this.time += ms;
    for (const t of this.timers) t.at += ms;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
