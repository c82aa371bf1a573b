/** The run's `progress` events: each node's counts, at most every PROGRESS_EVERY_MS. */
import type { NodeCounts, RunEvent } from '../api/run-model';

const PROGRESS_EVERY_MS = 200;

/** Call it after every batch; `force` tells the counts now (at the end). */
export type ReportProgress = (force?: boolean) => void;

export function progressReporter(runId: string, counts: Record<string, NodeCounts>, emitEvent: (event: RunEvent) => void): ReportProgress {
  let lastProgress = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) {
      // Counts held back now are told a moment later, so a run that pauses (waiting for its
      // source) does not leave the screen showing counts from before its last records.
      trailing ??= setTimeout(() => {
        trailing = undefined;
        progress(true);
      }, PROGRESS_EVERY_MS - (now - lastProgress)).unref();
      return;
    }
    if (trailing) clearTimeout(trailing);
    trailing = undefined;
    lastProgress = now;
    emitEvent({ type: 'progress', runId, nodes: structuredClone(counts) });
  };
  return progress;
}
