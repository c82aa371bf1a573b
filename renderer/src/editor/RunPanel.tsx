/**
 * The bottom panel: the shown run's status and live progress, Cancel, and — open — the plan or
 * summary in words and the run's records with their lineage. Collapsible (Ctrl/Cmd-J).
 */
import { Tabs } from 'radix-ui';
import { ChevronDown, ChevronUp, ExternalLink, FlaskConical, Play, Square } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { formatKeys } from '../commands/registry';
import { formatDuration, formatWhen, recordStatusWords, runCountsLine, sourceRead } from '../lib/words';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useReadStateStore } from '../state/useReadStateStore';
import { useContentDoc } from '../state/useContentDoc';
import { navigate } from '../state/useRouteStore';
import { RecordsView } from '../runs/RecordsView';
import { RunPlan } from '../runs/RunPlan';
import { planNodes, stepInfos } from '../runs/stepInfo';
import { RunStatusBadge } from '../ui/StatusBadge';
import { cancelRun, startRun } from './runActions';
import { EmptyReadHelp } from './TestActions';
import { useRunEstimate } from './useRunEstimate';
import { useShownRun } from './useShownRun';

export function RunPanel() {
  const open = useEditorStore((s) => s.runPanelOpen);
  const tab = useEditorStore((s) => s.runPanelTab);
  const setPanel = useEditorStore((s) => s.setRunPanel);
  const run = useShownRun();
  const doc = useContentDoc();
  const byType = useCatalogStore((s) => s.byType);
  const steps = useMemo(() => stepInfos(doc, byType), [doc, byType]);
  const plan = useMemo(() => planNodes(doc, steps, Object.keys(run?.summary?.nodes ?? {})), [doc, steps, run?.summary?.nodes]);
  const running = run?.status === 'running';

  // After each run the sources stand elsewhere: what the panel offers to test on follows.
  const finishedId = run?.summary?.runId;
  const flowId = doc?.id;
  useEffect(() => {
    if (finishedId && flowId) void useReadStateStore.getState().load(flowId);
  }, [finishedId, flowId]);
  const done = run ? run.done.ok + run.done.skipped + run.done.failed : 0;
  const lastRead = useReadStateStore((s) => s.state?.lastRecords?.read);
  const read = run ? Object.entries(run.nodes).reduce((n, [id, c]) => (byType.get(doc?.nodes.find((x) => x.id === id)?.type ?? '')?.kind === 'source' ? n + sourceRead(c) : n), 0) : 0;
  const estimate = useRunEstimate(run, read, done, lastRead);

  return (
    <section className={`run-panel${open ? ' open' : ''}`} aria-label="Run">
      <div className="run-panel-bar">
        <button type="button" className="btn btn-ghost btn-sm" aria-expanded={open} aria-controls="run-panel-body" onClick={() => setPanel(!open)}>
          {open ? <ChevronDown size={16} aria-hidden /> : <ChevronUp size={16} aria-hidden />}
          Run
          <span className="kbd">{formatKeys('mod+j')}</span>
        </button>
        {run ? (
          <div className="row run-status" aria-live="polite">
            <RunStatusBadge status={run.status} dryRun={run.dryRun} counts={run.summary} />
            {running ? (
              <>
                <span className="small">
                  {read.toLocaleString()} read · {done.toLocaleString()} finished{run.done.failed ? ` · ${run.done.failed.toLocaleString()} ${run.dryRun ? 'would fail' : 'failed'}` : ''}
                  {estimate ? ` · ${estimate}` : ''}
                </span>
                <div className="progress-bar" role="progressbar" aria-label="Records finished" aria-valuemin={0} aria-valuemax={Math.max(read, done)} aria-valuenow={done}>
                  <div style={{ width: `${read ? Math.min(100, (done / read) * 100) : 5}%` }} />
                </div>
              </>
            ) : run.summary ? (
              <span className="small muted">
                {runCountsLine(run.summary)} · {formatDuration(run.summary.durationMs)} · {formatWhen(run.summary.finishedAt || run.startedAt)}
              </span>
            ) : null}
          </div>
        ) : (
          <span className="small muted">Not run yet. A dry run shows what would happen without writing anything.</span>
        )}
        <span className="spacer" />
        {running && run ? (
          <button type="button" className="btn btn-sm" onClick={() => void cancelRun(run.runId)}>
            <Square size={13} aria-hidden /> Cancel
          </button>
        ) : run?.dryRun && run.summary && run.summary.status !== 'failed' ? (
          <button type="button" className="btn btn-sm btn-primary" onClick={() => void startRun(false)}>
            <Play size={13} aria-hidden /> Run for real
          </button>
        ) : !run ? (
          <button type="button" className="btn btn-sm" onClick={() => void startRun(true)}>
            <FlaskConical size={13} aria-hidden /> Dry run
          </button>
        ) : null}
        {run && !running ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => navigate({ name: 'run', runId: run.runId })}>
            <ExternalLink size={13} aria-hidden /> Open in history
          </button>
        ) : null}
      </div>
      {open ? (
        <div className="run-panel-body" id="run-panel-body">
          {!run ? (
            <p className="muted" style={{ padding: 16 }}>
              Press <strong>Dry run</strong> to read everything and see what a run would create, update and skip — nothing is written. Then <strong>Run</strong>.
            </p>
          ) : (
            <Tabs.Root value={tab} onValueChange={(v) => setPanel(true, v as 'plan' | 'records')} className="run-tabs">
              <Tabs.List className="tabs-list" aria-label="Run details">
                <Tabs.Trigger value="plan" className="tab">
                  {run.dryRun ? 'Plan' : 'Summary'}
                </Tabs.Trigger>
                <Tabs.Trigger value="records" className="tab">
                  Records
                  {run.done.failed ? <span className="badge fail">{run.done.failed.toLocaleString()} {run.dryRun ? 'would fail' : 'failed'}</span> : null}
                </Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content value="plan" className="run-tab-content scroll">
                {run.summary ? (
                  <>
                    <EmptyReadHelp summary={run.summary} input={run.input} />
                    <RunPlan summary={run.summary} nodes={plan} input={run.input} onSelectNode={(id) => useEditorStore.getState().select([id])} />
                  </>
                ) : (
                  <div className="live-lines">
                    <p>
                      <strong>{run.dryRun ? 'Dry run' : 'Run'} in progress…</strong> The counts on the canvas grow as records move along.
                    </p>
                    <ul className="plain-list small">
                      {run.recent.slice(-6).reverse().map((r) => (
                        <li key={r.seq} className={r.status === 'failed' ? 'text-fail' : 'muted'}>
                          {r.label ? <span title={r.key}>{r.label}</span> : <span className="mono">{r.key}</span>} — {recordStatusWords(r.status, run.dryRun, r.action).label.toLowerCase()}
                          {r.status !== 'ok' && r.message ? `: ${r.message}` : ''}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </Tabs.Content>
              <Tabs.Content value="records" className="run-tab-content">
                <RecordsView key={`${run.runId}-${run.summary ? 'done' : 'live'}`} runId={run.runId} dryRun={run.dryRun} finished={!!run.summary} counts={run.summary ? { ok: run.summary.ok, skipped: run.summary.skipped, failed: run.summary.failed } : null} steps={steps} />
              </Tabs.Content>
            </Tabs.Root>
          )}
        </div>
      ) : null}
    </section>
  );
}
