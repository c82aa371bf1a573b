/**
 * One run from the history: its summary in words and its records with their lineage; retrying its
 * failed records, and exporting its records.
 */
import { Tabs } from 'radix-ui';
import { ArrowLeft, ExternalLink } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { FlowDocument } from '../../../core/api/flow-document';
import type { RunSummary } from '../../../core/api/run-model';
import { call, errorText } from '../api/call';
import { formatDateTime, formatDuration } from '../lib/words';
import { useCatalogStore } from '../state/useCatalogStore';
import { navigate, useRouteStore } from '../state/useRouteStore';
import { useRunStore } from '../state/useRunStore';
import { RunStatusBadge } from '../ui/StatusBadge';
import { follow } from '../editor/runActions';
import { RecordsView } from './RecordsView';
import { ExportMenu, RetryButton } from './RunActions';
import { RunPlan } from './RunPlan';
import { StepCountsTable } from './StepCountsTable';
import { planNodes, stepInfos } from './stepInfo';

export function RunDetailScreen({ runId }: { runId: string }) {
  const record = useRunStoreRoute();
  const [summary, setSummary] = useState<RunSummary | null>(null);
  const [doc, setDoc] = useState<FlowDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useRunStore((s) => s.runs[runId]);
  const byType = useCatalogStore((s) => s.byType);
  const [tab, setTab] = useState(record !== undefined ? 'records' : 'summary');

  useEffect(() => {
    let on = true;
    call('runs.get', { runId })
      .then(async (s) => {
        if (!on) return;
        if (!s) return setError('This run is not in the history (any more). Old runs are cleaned up after the retention period.');
        setSummary(s);
        if (s.status === 'running') follow(runId);
        const got = await call('flows.get', { id: s.flowId, ...(s.flowVersion ? { version: s.flowVersion } : {}) }).catch(() => null);
        if (on && got) setDoc(got.doc);
      })
      .catch((e: unknown) => on && setError(errorText(e)));
    return () => {
      on = false;
    };
  }, [runId]);

  const current = live?.summary ?? summary;
  const steps = useMemo(() => stepInfos(doc, byType), [doc, byType]);
  const plan = useMemo(() => planNodes(doc, steps, Object.keys(current?.nodes ?? {})), [doc, steps, current?.nodes]);

  return (
    <main className="page run-detail" aria-labelledby="run-title">
      <div className="page-inner" style={{ maxWidth: 1280 }}>
        <header className="page-header">
          <button type="button" className="icon-btn" aria-label="Back to the run history" onClick={() => navigate({ name: 'runs' })}>
            <ArrowLeft size={18} />
          </button>
          <div className="titles">
            <h1 id="run-title">{current ? current.flowName : 'Run'}</h1>
            {current ? (
              <div className="row wrap small">
                <RunStatusBadge status={current.status} dryRun={current.dryRun} counts={current} />
                <span className="muted">
                  Started {formatDateTime(current.startedAt)}
                  {current.finishedAt ? ` · took ${formatDuration(current.durationMs)}` : ''}
                  {current.flowVersion ? ` · flow version ${current.flowVersion}` : ''}
                </span>
              </div>
            ) : null}
          </div>
          {current ? (
            <div className="run-actions">
              <RetryButton summary={current} />
              <ExportMenu runId={runId} />
              <button type="button" className="btn" onClick={() => navigate({ name: 'editor', flowId: current.flowId })}>
                <ExternalLink size={14} aria-hidden /> Open the flow
              </button>
            </div>
          ) : null}
        </header>
        {summary?.retryOf ? (
          <p className="small muted">
            A retry of the failed records of{' '}
            <a
              href={`#/runs/${encodeURIComponent(summary.retryOf)}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ name: 'run', runId: summary.retryOf as string });
              }}
            >
              an earlier run
            </a>
            .
          </p>
        ) : null}
        {error ? <div className="callout fail">{error}</div> : null}
        {current ? (
          <Tabs.Root value={tab} onValueChange={setTab} className="card run-detail-tabs">
            <Tabs.List className="tabs-list" aria-label="Run details" style={{ padding: '0 var(--space-3)' }}>
              <Tabs.Trigger value="summary" className="tab">
                {current.dryRun ? 'Plan' : 'Summary'}
              </Tabs.Trigger>
              <Tabs.Trigger value="records" className="tab">
                Records ({(current.ok + current.skipped + current.failed).toLocaleString()})
              </Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="summary" className="card-pad stack" style={{ gap: 'var(--space-5)' }}>
              <RunPlan summary={current} nodes={plan} />
              <StepCountsTable nodes={plan} counts={current.nodes} dryRun={current.dryRun} />
            </Tabs.Content>
            <Tabs.Content value="records" className="run-detail-records">
              <RecordsView runId={runId} dryRun={current.dryRun} finished={current.status !== 'running'} counts={{ ok: current.ok, skipped: current.skipped, failed: current.failed }} steps={steps} initialSeq={record} initialFilter={record !== undefined ? 'all' : undefined} />
            </Tabs.Content>
          </Tabs.Root>
        ) : !error ? (
          <p className="muted">Loading…</p>
        ) : null}
      </div>
    </main>
  );
}

/** The record named in the address (#/runs/<id>/<seq>), to open it at once. */
function useRunStoreRoute(): number | undefined {
  return useRouteStore((s) => (s.route.name === 'run' ? s.route.record : undefined));
}
