/**
 * Keeps each flow's place in its schedule (schedule_state) in agreement with the flows: a schedule
 * switched on, or whose cron or time zone changed, starts from now; one switched off is set
 * inactive; a deleted flow's is forgotten. Any scheduler may do this after a save, the one holding
 * the lock or not: the holder then plans from what is stored.
 */
import { DEFAULT_CATCH_UP, type CatchUpPolicy } from '../api/flow-document';
import type { ScheduleState } from '../store/schedules';
import type { Store } from '../store/store';
import { cronOf, nextTick, type Schedule } from './schedule-plan';

export interface ScheduledFlow {
  flowId: string;
  schedule: Schedule;
  catchUp: CatchUpPolicy;
  state: ScheduleState;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The next tick after `after`, or null when the cron cannot be read (it is reported when planned). */
function safeNext(s: Schedule, after: number): number | null {
  try {
    return nextTick(cronOf(s), after);
  } catch {
    return null;
  }
}

export function sameTimes(a: Pick<Schedule, 'cron' | 'timezone'>, b: Pick<Schedule, 'cron' | 'timezone'>): boolean {
  return a.cron === b.cron && (a.timezone ?? null) === (b.timezone ?? null);
}

/** Brings the stored states in line with the flows' schedules; returns the flows that are scheduled. */
export function reconcileStates(store: Store, now: number): ScheduledFlow[] {
  return store.db.transaction(() => {
    const scheduled: ScheduledFlow[] = [];
    const at = new Date(now).toISOString();
    const flows = new Set<string>();
    for (const f of store.flows.list()) {
      flows.add(f.id);
      const schedule = store.flows.get(f.id)?.doc.schedule;
      const state = store.schedules.state(f.id);
      if (!schedule?.enabled) {
        if (state?.active) store.schedules.deactivate(f.id, at);
        continue;
      }
      let current = state;
      if (!state?.active || !sameTimes({ cron: state.cron, timezone: state.timezone ?? undefined }, schedule)) {
        store.schedules.begin(f.id, schedule.cron, schedule.timezone ?? null, at, iso(safeNext(schedule, now)));
        current = store.schedules.state(f.id);
      }
      if (current) scheduled.push({ flowId: f.id, schedule, catchUp: schedule.catchUp ?? DEFAULT_CATCH_UP, state: current });
    }
    for (const s of store.schedules.states()) if (!flows.has(s.flowId)) store.schedules.forget(s.flowId);
    return scheduled;
  })();
}
