/**
 * A run told as sentences: for a dry run the plan ("will create 12, update 3, skip 40: already
 * synced"), for a real run what happened — from the per-step counts and the grouped reasons.
 */
import { AlertTriangle, CheckCircle2, Info, MinusCircle, XCircle } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../../core/api/run-model';
import { call } from '../api/call';
import { buildPlan, groupReasons, type PlanNode, type PlanReason } from '../lib/plan';
import type { RunInput } from '../state/useRunStore';
import { withStepTitles } from '../lib/problems';
import { useCatalogStore } from '../state/useCatalogStore';
import { useContentDoc } from '../state/useContentDoc';
import { formatDuration, plural, runStatusWords, type Tone } from '../lib/words';

const ICON: Record<Tone, typeof Info> = { ok: CheckCircle2, info: Info, neutral: MinusCircle, warn: AlertTriangle, fail: XCircle };

export function RunPlan({ summary, nodes, input, onSelectNode }: { summary: RunSummary; nodes: PlanNode[]; input?: RunInput; onSelectNode?(id: string): void }) {
  const [reasons, setReasons] = useState<PlanReason[]>([]);
  useEffect(() => {
    let live = true;
    const want = [summary.skipped ? 'skipped' : null, summary.failed ? 'failed' : null].filter(Boolean) as Array<'skipped' | 'failed'>;
    Promise.all(want.map((status) => call('runs.records', { runId: summary.runId, status, limit: 1000 }).catch(() => [])))
      .then((lists) => live && setReasons(groupReasons(lists.flat())))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [summary.runId, summary.skipped, summary.failed]);

  const doc = useContentDoc();
  const byType = useCatalogStore((s) => s.byType);
  const lines = buildPlan(summary.nodes, nodes, reasons, summary.dryRun, input);
  const status = runStatusWords(summary.status, summary);
  return (
    <div className="run-plan">
      <p className="run-plan-head">
        {summary.dryRun ? (
          <>
            <strong>
              {input === 'last run' ? 'Test on the last run’s records' : input === 'pinned' ? 'Dry run on the pinned test records' : 'Dry run'} {summary.status === 'failed' || summary.status === 'cancelled' ? status.sentence : 'finished'}
            </strong>{' '}
            — nothing was written{input === 'last run' || input === 'pinned' ? ' and nothing was read from the apps' : ''}. {input === 'last run' || input === 'pinned' ? 'On these records, a real run would do this:' : 'A real run would do this:'}
          </>
        ) : (
          <>
            <strong>The run {status.sentence}</strong> in {formatDuration(summary.durationMs)}: {plural(summary.read, 'record')} read, {summary.ok.toLocaleString()} done, {summary.skipped.toLocaleString()} skipped, {summary.failed.toLocaleString()} failed.
          </>
        )}
      </p>
      {summary.error ? (
        <div className="callout fail" role="alert">
          <XCircle size={16} aria-hidden />
          <span style={{ whiteSpace: 'pre-wrap' }}>{withStepTitles(summary.error, doc?.id === summary.flowId ? doc : null, (t) => byType.get(t)?.title)}</span>
        </div>
      ) : null}
      <ul className="plan-lines">
        {lines.map((l, i) => {
          const Icon = ICON[l.tone];
          return (
            <li key={i} className={`plan-line tone-${l.tone}`}>
              <Icon size={15} aria-hidden />
              {l.node && onSelectNode ? (
                <button type="button" className="link-btn" onClick={() => onSelectNode(l.node as string)}>
                  {l.text}
                </button>
              ) : (
                <span>{l.text}</span>
              )}
            </li>
          );
        })}
        {!lines.length && !summary.error ? <li className="muted">No record reached any step.</li> : null}
      </ul>
    </div>
  );
}
