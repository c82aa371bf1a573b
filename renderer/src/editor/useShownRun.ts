/** The run whose counts the canvas shows (the latest, or the one just started). */
import type { NodeCounts } from '../../../core/api/run-model';
import { useEditorStore } from '../state/useEditorStore';
import { useRunStore, type LiveRun } from '../state/useRunStore';

export function useShownRun(): LiveRun | undefined {
  const id = useEditorStore((s) => s.shownRunId);
  return useRunStore((s) => (id ? s.runs[id] : undefined));
}

export function useShownCounts(nodeId: string): { counts: NodeCounts | undefined; dryRun: boolean; running: boolean } {
  const id = useEditorStore((s) => s.shownRunId);
  const counts = useRunStore((s) => (id ? s.runs[id]?.nodes[nodeId] : undefined));
  const dryRun = useRunStore((s) => (id ? (s.runs[id]?.dryRun ?? false) : false));
  const running = useRunStore((s) => (id ? s.runs[id]?.status === 'running' : false));
  return { counts, dryRun, running };
}
