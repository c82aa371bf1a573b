/**
 * Starting a flow's run for a tick: skipped when the flow is still running (here or in another
 * process on this data folder: runs are never stacked), and a run that ends partial or failed
 * raises a notice at once, naming the flow and what went wrong (MISSION PLT-4).
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
  started.done
    .then((summary) => {
      if (summary && summary.status !== 'partial' && summary.status !== 'failed') return;
      const what = !summary ? 'could not run' : summary.status === 'partial' ? `finished with ${summary.failed} failed record(s)` : 'failed';
      const name = summary?.flowName ?? store.flows.get(flowId)?.doc.name ?? flowId;
      notify({ type: 'notice', level: 'error', title: `${name} ${what}`, message: summary?.error ?? 'Open the run to see each failed record and why.', flowId, runId: started.runId });
    })
    // The run's own outcome is in its history; a store closed meanwhile only loses the notice.
    .catch(() => {});
  return { outcome: 'fired', runId: started.runId };
}
