/**
 * One record's way through the flow: every step it passed, the data each step made of it, what
 * the target system answered, and — when it failed — the reason in plain words.
 */
import { AlertCircle, ArrowDownRight, CheckCircle2, CornerDownRight, MinusCircle } from 'lucide-react';
import type { RunRecord } from '../../../core/api/contract';
import type { NodeKind } from '../../../core/api/flow-document';
import { recordTitle } from '../lib/fields';
import { actionWords, appName } from '../lib/words';
import { JsonView } from '../ui/JsonView';
import { KindIcon } from '../ui/NodeVisuals';
import { RecordStatusBadge } from '../ui/StatusBadge';

export interface StepInfo {
  title: string;
  kind: NodeKind;
  app: string;
  portLabels: Record<string, string>;
}

export function recordSentence(r: Pick<RunRecord, 'status' | 'action' | 'message' | 'node'>, stepTitle: string, dryRun: boolean): string {
  if (r.status === 'failed') return `${dryRun ? 'Would fail' : 'Failed'} at “${stepTitle}”: ${r.message ?? 'no reason was given'}`;
  if (r.status === 'skipped') return `${dryRun ? 'Would be skipped' : 'Skipped'} at “${stepTitle}”: ${r.message ?? 'no reason was given'}`;
  const did = actionWords(r.action, dryRun);
  if (did) return `${did} — “${stepTitle}”${r.message ? `: ${r.message}` : ''}`;
  return `${dryRun ? 'Would go through, to' : 'Done at'} “${stepTitle}”${r.message ? ` — ${r.message}` : ''}`;
}

export function LineageView({ record, steps, dryRun }: { record: RunRecord; steps: ReadonlyMap<string, StepInfo>; dryRun: boolean }) {
  const info = (id: string): StepInfo => steps.get(id) ?? { title: id, kind: 'transform', app: 'core', portLabels: {} };
  return (
    <article className="lineage" aria-label={`Record ${record.key}`}>
      <header className="lineage-head">
        <div className="row">
          <h3 style={{ fontSize: 'var(--text-md)' }}>
            {recordTitle(record.lineage[0]?.data) ?? <span className="mono">{record.key}</span>}
          </h3>
          <RecordStatusBadge status={record.status} dryRun={dryRun} action={record.action} />
        </div>
        <p className={record.status === 'failed' ? 'text-fail' : 'muted'}>{recordSentence(record, info(record.node).title, dryRun)}</p>
        {recordTitle(record.lineage[0]?.data) ? (
          <p className="small muted">
            Key <code>{record.key}</code>
          </p>
        ) : null}
        {record.targetId ? (
          <p className="small">
            Id in the target: <code>{record.targetId}</code>
          </p>
        ) : null}
      </header>
      <ol className="lineage-steps">
        {record.lineage.map((step, i) => {
          const s = info(step.node);
          const did = actionWords(step.action, dryRun);
          return (
            <li key={i} className={`lineage-step${step.error ? ' failed' : ''}`}>
              <div className="lineage-step-head">
                <KindIcon kind={s.kind} size={13} />
                <strong>{s.title}</strong>
                {step.port && Object.keys(s.portLabels).length > 1 ? (
                  <span className="badge">
                    <ArrowDownRight size={11} aria-hidden /> {s.portLabels[step.port] ?? step.port}
                  </span>
                ) : null}
                {did ? <span className="badge ok">{did}</span> : null}
              </div>
              <div className="lineage-step-body">
                {step.error ? (
                  <p className="row text-fail" style={{ alignItems: 'flex-start' }}>
                    <AlertCircle size={14} aria-hidden style={{ marginTop: 3, flex: 'none' }} />
                    <span>{step.error}</span>
                  </p>
                ) : null}
                {step.note ? (
                  <p className="row muted small" style={{ alignItems: 'flex-start' }}>
                    {step.error ? null : step.action ? <CheckCircle2 size={13} aria-hidden style={{ marginTop: 2 }} /> : <MinusCircle size={13} aria-hidden style={{ marginTop: 2 }} />}
                    <span>{step.note}</span>
                  </p>
                ) : null}
                {step.targetId ? (
                  <p className="small">
                    <CornerDownRight size={12} aria-hidden /> {appName(s.app)} id <code>{step.targetId}</code>
                  </p>
                ) : null}
                {step.data !== undefined ? <JsonView value={step.data} summary={i === 0 ? 'What was read' : 'Data after this step'} /> : null}
                {step.answer !== undefined ? <JsonView value={step.answer} summary={`What ${appName(s.app)} answered`} /> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </article>
  );
}
