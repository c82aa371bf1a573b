/**
 * The scheduler's sense of time, injected so tests can run days of schedules in milliseconds
 * (core/testing/fake-clock.ts). The wall clock (`now`) and timers are apart on purpose: while a
 * computer sleeps, the wall clock moves on but Node's timers (a monotonic clock) do not, so a
 * timer set before the sleep fires late, and the scheduler must compare with `now` every time.
 */
export interface SchedulerClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  // Unref'd: a scheduler alone keeps no process alive (`sincro schedule run` holds itself open).
  setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
