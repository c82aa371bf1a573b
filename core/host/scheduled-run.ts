/**
 * Starting a flow's run for a tick: skipped when the flow is still running (here or in another
 * process on this data folder: runs are never stacked). A run that cannot start raises a notice
 * here; how a started run ends, the RunManager tells (run-notices.ts, MISSION PLT-4).
 */
import type { AppEvent } from '../api/contract';
import type { Store } from '../store/store';
import { FlowBusyError, type RunManager } from './run-manager';

export type ScheduleRunner = Pick<RunManager, 'start' | 'isRunning'>;

export type StartOutcome = { outcome: 'fired'; runId: string } | { outcome: 'busy'; message: string } | { outcome: 'error'; message: string };

export function startScheduledRun(store: Store, runs: ScheduleRunner, flowId: string, notify: (event: AppEvent) => void): StartOutcome {
  const busy = (): StartOutcome => ({ outcome: 'busy', message: 'The flow was still running; its run was not started a second time.' });
  // A run of this flow by `sincro run` or another app on the same data folder counts too.
  if (runs.isRunning(flowId) || store.runs.list({ flowId, status: 'running', limit: 1 }).length > 0) return busy();
  let started: ReturnType<ScheduleRunner['start']>;
  try {
    started = runs.start(flowId, { trigger: 'schedule' });
  } catch (e) {
    if (e instanceof FlowBusyError) return busy();
    const message = e instanceof Error ? e.message : String(e);
    const name = store.flows.get(flowId)?.doc.name ?? flowId;
    notify({ type: 'notice', level: 'error', title: `The scheduled run of "${name}" could not start`, message, flowId });
    return { outcome: 'error', message };
  }
  return { outcome: 'fired', runId: started.runId };
}
