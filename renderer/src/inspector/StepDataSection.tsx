/**
 * What the selected step received and made of each record in the run the canvas shows (issue 11
 * §2, from the records' lineage): its input and its output side by side, record by record, or why
 * the record stopped there.
 */
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { StepData } from '../../../core/api/contract';
import { call } from '../api/call';
import { recordTitle } from '../lib/fields';
import { actionWords, formatClock } from '../lib/words';
import { useShownRun } from '../editor/useShownRun';
import { useFlowStore } from '../state/useFlowStore';
import { JsonView } from '../ui/JsonView';
import { RecordStatusBadge } from '../ui/StatusBadge';

const LIMIT = 20;

export function StepDataSection({ nodeId, portLabels, isSource }: { nodeId: string; portLabels: Record<string, string>; isSource: boolean }) {
  const flowId = useFlowStore((s) => s.doc?.id ?? '');
  const run = useShownRun();
  const runId = run?.summary ? run.runId : undefined;
  const [data, setData] = useState<StepData | null>(null);
  const [index, setIndex] = useState(0);

  useEffect(() => {
    let live = true;
    setIndex(0);
    if (!runId || !flowId) {
      setData(null);
      return;
    }
    call('flows.stepData', { id: flowId, node: nodeId, runId, limit: LIMIT })
      .then((d) => live && setData(d))
      .catch(() => live && setData(null));
    return () => {
      live = false;
    };
  }, [flowId, nodeId, runId]);

  if (!run?.summary || !data) return null;
  const reached = run.summary.nodes[nodeId];
  const total = reached ? (isSource ? Object.values(reached.out).reduce((a, b) => a + b, 0) + reached.failed + reached.skipped : reached.in) : 0;
  const rec = data.records[index];
  const heading = `In the last ${data.dryRun ? 'dry run' : 'run'} (${formatClock(data.startedAt)})`;
  if (!rec) {
    return (
      <section className="step-data" aria-label="Input and output of the last run">
        <h3 className="section-title">{heading}</h3>
        <p className="small muted">No record reached this step.</p>
      </section>
    );
  }
  const did = actionWords(rec.action, data.dryRun);
  return (
    <section className="step-data" aria-label="Input and output of the last run">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 className="section-title">{heading}</h3>
        <div className="row small" style={{ gap: 2 }}>
          <button type="button" className="icon-btn sm" aria-label="Previous record" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            <ChevronLeft size={14} />
          </button>
          <span aria-live="polite">
            Record {index + 1} of {data.records.length}
            {total > data.records.length ? ` (${total.toLocaleString()} reached it)` : ''}
          </span>
          <button type="button" className="icon-btn sm" aria-label="Next record" disabled={index >= data.records.length - 1} onClick={() => setIndex(index + 1)}>
            <ChevronRight size={14} />
          </button>
        </div>
      </div>
      <p className="row small" style={{ gap: 6, flexWrap: 'wrap' }}>
        <RecordStatusBadge status={rec.status} dryRun={data.dryRun} action={rec.action} />
        <span>{recordTitle(rec.input ?? rec.output) ?? ''}</span>
        <span className="mono muted">{rec.key}</span>
        {rec.port && Object.keys(portLabels).length > 1 ? <span className="badge">→ {portLabels[rec.port] ?? rec.port}</span> : null}
        {did ? <span className="badge ok">{did}</span> : null}
      </p>
      {rec.message ? <p className={`small${rec.status === 'failed' ? ' text-fail' : ' muted'}`}>{rec.message}</p> : null}
      <div className="step-data-io">
        {isSource ? null : (
          <div>
            <h4 className="small muted">Input</h4>
            <JsonView value={rec.input} />
          </div>
        )}
        <div>
          <h4 className="small muted">{isSource ? 'What it read' : 'Output'}</h4>
          {rec.output === undefined ? <p className="small muted">{rec.status === 'failed' ? 'Failed here: nothing went on.' : 'Stopped here: nothing went on.'}</p> : JSON.stringify(rec.output) === JSON.stringify(rec.input) ? <p className="small muted">Unchanged.</p> : <JsonView value={rec.output} />}
        </div>
      </div>
    </section>
  );
}
