/**
 * Starting, following and cancelling runs from the editor. The flow is saved first and must have
 * no problems; the run's events fill the run store, and a slow poll covers events missed while
 * the event socket was (re)connecting.
 */
import { toast } from 'sonner';
import { call, errorText } from '../api/call';
import type { FlowDocument, FlowProblem } from '../../../core/api/flow-document';
import { plainProblem, withStepTitles } from '../lib/problems';
import { asSchema } from '../lib/schema';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useReadStateStore } from '../state/useReadStateStore';
import { useFlowStore } from '../state/useFlowStore';
import { useRunStore, type RunInput } from '../state/useRunStore';
import { saveNow } from './flowPersistence';

const POLL_MS = 1500;

/**
 * Starts a run of the open flow. A dry run uses the sources' pinned test records where there are
 * some; `lastRunRecords` replays what the last run read instead of reading the apps (a dry run).
 */
export async function startRun(dryRun: boolean, opts: { lastRunRecords?: boolean; usePinned?: boolean } = {}): Promise<string | null> {
  const doc = useFlowStore.getState().doc;
  if (!doc) return null;
  if (!(await saveNow())) {
    toast.error('The flow could not be saved, so it cannot run', { description: useFlowStore.getState().saveError ?? undefined });
    return null;
  }
  const problems = useFlowStore.getState().problems;
  if (problems.length) {
    const first = problems[0];
    toast.error(problems.length === 1 ? 'Fix this problem first' : `Fix these ${problems.length} problems first`, { description: first ? problemInWords(first, doc) : undefined });
    if (first?.node) useEditorStore.getState().select([first.node]);
    return null;
  }
  try {
    const replay = dryRun && !!opts.lastRunRecords;
    const usePinned = opts.usePinned ?? true;
    const { runId } = await call('runs.start', { flowId: doc.id, dryRun, lastRunRecords: replay, usePinned });
    const pinned = dryRun && !replay && usePinned && doc.nodes.some((n) => n.pinned?.length);
    useRunStore.getState().expect({ runId, flowId: doc.id, flowName: doc.name, dryRun, input: replay ? 'last run' : pinned ? 'pinned' : 'read' });
    const editor = useEditorStore.getState();
    editor.showRun(runId);
    editor.setRunPanel(true, 'plan');
    follow(runId);
    return runId;
  } catch (e) {
    toast.error(dryRun ? 'The dry run could not start' : 'The run could not start', { description: errorText(e) });
    return null;
  }
}

export async function cancelRun(runId: string): Promise<void> {
  try {
    const { cancelled } = await call('runs.cancel', { runId });
    if (!cancelled) toast.info('The run had already finished.');
  } catch (e) {
    toast.error('The run could not be cancelled', { description: errorText(e) });
  }
}

/** A problem as the flow panel says it: the step by its title, the field by its label. */
function problemInWords(p: FlowProblem, doc: FlowDocument): string {
  const byType = useCatalogStore.getState().byType;
  const node = p.node ? doc.nodes.find((n) => n.id === p.node) : undefined;
  const desc = node ? byType.get(node.type) : undefined;
  if (!node) return withStepTitles(p.message, doc, (t) => byType.get(t)?.title);
  return `“${node.label || desc?.title || node.id}”: ${plainProblem(p, node.config, asSchema(desc?.configSchema))}`;
}

/** "Read everything again", once confirmed: every source forgets where it stopped, then a dry run reads it all. */
export async function readEverythingAgain(): Promise<void> {
  const doc = useFlowStore.getState().doc;
  if (!doc) return;
  try {
    await call('flows.resetCursors', { id: doc.id });
  } catch (e) {
    toast.error('The sources could not start over', { description: errorText(e) });
    return;
  }
  void useReadStateStore.getState().load(doc.id);
  // This dry run reads the apps, pinned test records or not: that is what was asked.
  await startRun(true, { usePinned: false });
}

/**
 * Follows a run going on from its snapshot (runs.snapshot) until it has finished: what the live
 * events have not told yet (this screen opened mid-run, or missed events while its event socket
 * was (re)connecting) comes in with each snapshot.
 */
export function follow(runId: string): void {
  const tick = async () => {
    if (useRunStore.getState().runs[runId]?.summary) return;
    try {
      const snap = await call('runs.snapshot', { runId, recent: 20 });
      if (snap) useRunStore.getState().applySnapshot(snap);
      if (!snap || snap.status !== 'running') return;
    } catch {
      // the host is briefly unreachable; try again
    }
    setTimeout(() => void tick(), POLL_MS);
  };
  setTimeout(() => void tick(), POLL_MS);
}

/** Loads a flow's latest run as it stands (for counts on the canvas when the editor opens), and follows it while it goes on. */
export async function loadLatestRun(flowId: string): Promise<void> {
  try {
    const [latest] = await call('runs.list', { flowId, limit: 1 });
    if (!latest) return;
    const snap = await call('runs.snapshot', { runId: latest.id, recent: 50 });
    if (!snap) return;
    useRunStore.getState().expect({ runId: snap.runId, flowId, flowName: snap.flowName, dryRun: snap.dryRun, input: inputOfTrigger(latest.trigger) });
    useRunStore.getState().applySnapshot(snap);
    if (snap.status === 'running') follow(snap.runId);
    if (!useEditorStore.getState().shownRunId) useEditorStore.getState().showRun(snap.runId);
  } catch {
    // no history yet, or the host is busy: the canvas simply shows no counts
  }
}

/** What runs.start wrote down as the trigger of a dry run on given records (core/host/test-records.ts). */
export function inputOfTrigger(trigger: string): RunInput {
  return trigger.startsWith('test on the records of run') ? 'last run' : trigger === 'dry run on pinned test records' ? 'pinned' : 'read';
}
