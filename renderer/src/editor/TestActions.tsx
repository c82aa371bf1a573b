/**
 * Change, then test again (issue 11 §2): when a run read nothing, why — its sources read only what
 * changed since the last run — and the two ways on: test the changed flow on the records the last
 * run read, or read everything again (after a confirmation that names what that means).
 */
import { History, RotateCcw } from 'lucide-react';
import type { RunSummary } from '../../../core/api/run-model';
import { appName, formatClock, plural } from '../lib/words';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import { useReadStateStore } from '../state/useReadStateStore';
import type { RunInput } from '../state/useRunStore';
import { Modal } from '../ui/Modal';
import { readEverythingAgain, startRun } from './runActions';

/** The sources that read nothing in this run because nothing changed since they last moved on. */
function unchangedSources(summary: RunSummary) {
  const doc = useFlowStore.getState().doc;
  const byType = useCatalogStore.getState().byType;
  const state = useReadStateStore.getState().state;
  return (state?.sources ?? []).flatMap((s) => {
    const node = doc?.nodes.find((n) => n.id === s.node);
    const c = summary.nodes[s.node];
    const desc = node && byType.get(node.type);
    if (!node || !desc || !c || !s.movedOnAt || node.enabled === false) return [];
    const read = Object.values(c.out).reduce((a, b) => a + b, 0) + c.failed + c.skipped;
    return read === 0 ? [{ id: s.node, title: node.label || desc.title, app: appName(desc.app), movedOnAt: s.movedOnAt }] : [];
  });
}

export function TestOnLastRunButton({ primary }: { primary?: boolean }) {
  const last = useReadStateStore((s) => s.state?.lastRecords);
  if (!last) return null;
  return (
    <button type="button" className={`btn btn-sm${primary ? ' btn-primary' : ''}`} onClick={() => void startRun(true, { lastRunRecords: true })}>
      <History size={13} aria-hidden /> Test on the last run’s records ({last.read.toLocaleString()})
    </button>
  );
}

/** Above the plan of a run that read nothing: why, and what to do. */
export function EmptyReadHelp({ summary, input }: { summary: RunSummary; input: RunInput | undefined }) {
  // Subscribed so the help appears once the read state has loaded.
  useReadStateStore((s) => s.state);
  if (summary.status === 'running' || input === 'last run' || input === 'pinned') return null;
  const unchanged = unchangedSources(summary);
  if (!unchanged.length && summary.read > 0) return null;
  const since = unchanged.map((s) => s.movedOnAt).sort()[0];
  return (
    <div className="callout info empty-read" role="status">
      <div className="stack" style={{ gap: 6 }}>
        {unchanged.length ? (
          <>
            <p>
              <strong>{summary.read === 0 ? `Nothing to ${summary.dryRun ? 'test' : 'sync'}: ` : ''}nothing changed since the last run at {formatClock(since)}.</strong>{' '}
              {unchanged.map((s) => `“${s.title}” reads only what was added or changed in ${s.app} since then`).join('; ')}.
            </p>
            <p className="small muted">To see what your changes to the flow do, test them on the records the last run read — nothing is written and nothing is read again.</p>
          </>
        ) : (
          <p>
            <strong>The sources found no records.</strong> Check their settings, or that the app holds what they read.
          </p>
        )}
        <div className="row">
          <TestOnLastRunButton primary />
          {unchanged.length ? (
            <button type="button" className="btn btn-sm" onClick={() => useEditorStore.getState().setConfirmReadAgain(true)}>
              <RotateCcw size={13} aria-hidden /> Read everything again…
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The confirmation of "Read everything again": what it means, in words. */
export function ReadAgainDialog() {
  const open = useEditorStore((s) => s.confirmReadAgain);
  const doc = useFlowStore((s) => s.doc);
  const byType = useCatalogStore((s) => s.byType);
  const state = useReadStateStore((s) => s.state);
  if (!open || !doc) return null;
  const close = () => useEditorStore.getState().setConfirmReadAgain(false);
  const sources = doc.nodes.filter((n) => byType.get(n.type)?.kind === 'source' && n.enabled !== false);
  const apps = [...new Set(sources.map((n) => appName(byType.get(n.type)?.app ?? '')))];
  const writesTo = [...new Set(doc.nodes.filter((n) => byType.get(n.type)?.kind === 'target').map((n) => appName(byType.get(n.type)?.app ?? '')))];
  const failed = (state?.sources ?? []).reduce((n, s) => n + s.failedKeys, 0);
  return (
    <Modal
      open
      onOpenChange={(o) => !o && close()}
      title="Read everything again?"
      description={`Every source of this flow forgets where it stopped reading${apps.length ? ` in ${apps.join(' and ')}` : ''}.`}
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Keep reading only what changed
          </button>
          <button type="button" className="btn btn-primary" onClick={() => (close(), void readEverythingAgain())}>
            <RotateCcw size={14} aria-hidden /> Read everything again
          </button>
        </>
      }
    >
      <ul className="consequences">
        <li>
          <strong>The dry run that starts now, and the next real or scheduled run,</strong> read every record again ({sources.map((n) => `“${n.label || byType.get(n.type)?.title || n.id}”`).join(', ') || 'no source'}), not only what changed since the last run. That takes longer
          {apps.includes('Teamleader') ? ' and uses more of Teamleader’s 200 requests a minute' : ''}.
        </li>
        <li>
          <strong>Nothing is created twice.</strong> Records synced before are known by their ids{writesTo.length ? ` in ${writesTo.join(' and ')}` : ''}: they are updated where they differ, or left as they are.
        </li>
        <li>
          <strong>Changes made by hand in {writesTo.join(' or ') || 'the target'} since then</strong> are overwritten where this flow updates those fields.
        </li>
        {failed ? <li>The {plural(failed, 'record')} that failed last time are read with the rest.</li> : null}
        {sources.some((n) => n.pinned?.length) ? <li>The pinned test records are set aside for this dry run; later dry runs use them again.</li> : null}
      </ul>
      <p className="small muted">To try a change without any of this, use “Test on the last run’s records” instead.</p>
    </Modal>
  );
}
