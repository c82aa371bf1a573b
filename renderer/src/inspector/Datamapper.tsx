/**
 * The datamapper: the fields of sample records on one side, the target fields with an expression
 * each (a field path or JSONata) on the other, and a live preview of what every field becomes for
 * the sample records — with errors shown on the field they concern.
 */
import { ChevronLeft, ChevronRight, Loader2, Maximize2, Plus, RefreshCw, Trash2 } from 'lucide-react';
import { Switch } from 'radix-ui';
import { useMemo, useRef, useState } from 'react';
import type { FlowProblem } from '../../../core/api/flow-document';
import { getPath, shortValue, sourceFields } from '../lib/fields';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import { startRun } from '../editor/runActions';
import { Modal } from '../ui/Modal';
import { JsonView } from '../ui/JsonView';
import { fieldProblem, problemsAt, shortProblem, type WidgetProps } from './formContext';
import { usePreview } from './usePreview';
import { useSampleRecords } from './useSampleRecords';

interface Mapping {
  target: string;
  expr: string;
  optional?: boolean;
}

export function Datamapper(props: WidgetProps & { nodeId: string; stepTitle: string }) {
  const wide = useEditorStore((s) => s.mapperWide);
  const setWide = useEditorStore((s) => s.setMapperWide);
  return (
    <>
      <MapperBody {...props} layout="compact" onExpand={() => setWide(true)} />
      {wide ? (
        <Modal open onOpenChange={(o) => !o && setWide(false)} title={`Datamapper — ${props.stepTitle}`} description="Each target field gets its value from an expression over the incoming record. The preview runs on sample records; nothing is written." wide>
          <MapperBody {...props} layout="wide" />
        </Modal>
      ) : null}
    </>
  );
}

function MapperBody({ value, onChange, path, ctx, nodeId, layout, onExpand, label }: WidgetProps & { nodeId: string; layout: 'compact' | 'wide'; onExpand?(): void }) {
  const rows = useMemo(() => (Array.isArray(value) ? (value as Mapping[]) : []), [value]);
  const doc = useFlowStore((s) => s.doc);
  const config = useFlowStore((s) => s.doc?.nodes.find((n) => n.id === nodeId)?.config);
  const samples = useSampleRecords(doc, nodeId);
  const preview = usePreview(doc, nodeId, config, samples.records);
  const [current, setCurrent] = useState(0);
  const focused = useRef<{ row: number; caret: number } | null>(null);
  const fields = useMemo(() => sourceFields(samples.records), [samples.records]);
  const result = preview.results?.[Math.min(current, (preview.results?.length ?? 1) - 1)];
  const total = preview.results?.length ?? samples.records.length;
  const allProblems: readonly FlowProblem[] = [...ctx.problems, ...preview.problems];

  const setRows = (next: Mapping[]) => onChange(next);
  const setRow = (i: number, patch: Partial<Mapping>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const insertField = (fieldPath: string) => {
    const f = focused.current;
    if (f && rows[f.row]) {
      const expr = rows[f.row]?.expr ?? '';
      const at = Math.min(f.caret, expr.length);
      setRow(f.row, { expr: expr ? expr.slice(0, at) + fieldPath + expr.slice(at) : fieldPath });
      focused.current = { row: f.row, caret: at + fieldPath.length };
    } else {
      const target = fieldPath.split('.').at(-1)?.replace(/`/g, '') ?? fieldPath;
      setRows([...rows, { target, expr: fieldPath }]);
    }
  };

  const sourceList = (
    <div className="mapper-source">
      <div className="mapper-col-head">
        <span>Incoming fields</span>
        <button type="button" className="icon-btn sm" aria-label="Reload the sample records" onClick={samples.reload}>
          <RefreshCw size={13} />
        </button>
      </div>
      {samples.loading ? (
        <p className="muted small">Looking for sample records…</p>
      ) : !samples.records.length ? (
        <div className="callout info small">
          <div className="stack" style={{ gap: 6 }}>
            <span>No sample records yet. A dry run reads some without writing anything; the preview then uses them.</span>
            <button type="button" className="btn btn-sm" onClick={() => void startRun(true).then(() => setTimeout(samples.reload, 1500))}>
              Dry run now
            </button>
          </div>
        </div>
      ) : (
        <ul className="field-chips" aria-label="Incoming fields: click to use one">
          {fields.map((f) => (
            <li key={f.path}>
              <button type="button" className="field-chip" onMouseDown={(e) => e.preventDefault()} onClick={() => insertField(f.path)} title={`${f.path} (${f.type})${f.example ? ` e.g. ${f.example}` : ''}`}>
                <span className="mono">{f.path}</span>
                {layout === 'wide' && f.example ? <span className="muted"> {f.example}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  const pager = (
    <div className="row small mapper-pager">
      <span className="muted">{samples.origin === 'last run' ? 'From the last run' : samples.origin === 'sample step' ? 'From the sample step' : samples.origin === 'pinned' ? 'From the pinned test records' : ''}</span>
      <span className="spacer" />
      {preview.busy ? <Loader2 size={13} className="spin" aria-label="Updating the preview" /> : null}
      <button type="button" className="icon-btn sm" aria-label="Previous record" disabled={current <= 0} onClick={() => setCurrent((c) => Math.max(0, c - 1))}>
        <ChevronLeft size={14} />
      </button>
      <span aria-live="polite">
        Record {total ? Math.min(current, total - 1) + 1 : 0} of {total}
        {result && !result.key.startsWith('#') ? <span className="muted mono"> · {result.key}</span> : null}
      </span>
      <button type="button" className="icon-btn sm" aria-label="Next record" disabled={current >= total - 1} onClick={() => setCurrent((c) => Math.min(total - 1, c + 1))}>
        <ChevronRight size={14} />
      </button>
    </div>
  );

  const rowList = (
    <div className="mapper-rows" role="group" aria-label={label}>
      {rows.length ? (
        <div className="mapper-row mapper-row-head" aria-hidden>
          <span>Target field</span>
          <span>Value (field or expression)</span>
          <span>Optional</span>
          <span />
        </div>
      ) : null}
      {rows.map((row, i) => {
        const rowPath = `${path}[${i}]`;
        const checkProblems = problemsAt(allProblems, rowPath);
        const failedHere = result && result.status === 'failed' && result.field === row.target ? result.message : undefined;
        const out = result?.status === 'ok' ? getPath(result.output, row.target) : undefined;
        return (
          <div key={i} className={`mapper-item${checkProblems.length || failedHere ? ' has-error' : ''}`} data-mapping-row={i}>
            <div className="mapper-row">
              <input className={`input input-sm mono${problemsAt(allProblems, `${rowPath}.target`).length ? ' invalid' : ''}`} value={row.target} placeholder="field" aria-label={`Target field ${i + 1}`} spellCheck={false} onChange={(e) => setRow(i, { target: e.target.value })} />
              <input
                className={`input input-sm mono${problemsAt(allProblems, `${rowPath}.expr`).length || failedHere ? ' invalid' : ''}`}
                value={row.expr}
                placeholder="customer.email"
                aria-label={`Value for ${row.target || `field ${i + 1}`}`}
                spellCheck={false}
                onFocus={(e) => (focused.current = { row: i, caret: e.target.selectionStart ?? row.expr.length })}
                onSelect={(e) => (focused.current = { row: i, caret: (e.target as HTMLInputElement).selectionStart ?? 0 })}
                onChange={(e) => {
                  focused.current = { row: i, caret: e.target.selectionStart ?? e.target.value.length };
                  setRow(i, { expr: e.target.value });
                }}
              />
              <Switch.Root className="switch" checked={row.optional === true} onCheckedChange={(v) => setRow(i, { optional: v })} aria-label={`${row.target || `Field ${i + 1}`} is optional`}>
                <Switch.Thumb className="switch-thumb" />
              </Switch.Root>
              <button type="button" className="icon-btn sm" aria-label={`Remove ${row.target || `field ${i + 1}`}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                <Trash2 size={14} />
              </button>
            </div>
            {checkProblems.map((p, k) => (
              <span key={k} className="field-error">
                {fieldProblem(p.message)}
              </span>
            ))}
            {failedHere ? <span className="field-error">{failedHere}</span> : null}
            {result?.status === 'ok' ? (
              <span className="mapper-value" data-preview-for={row.target}>
                → <span className="mono">{out === undefined ? (row.optional ? '(left out)' : '—') : shortValue(out, 70)}</span>
              </span>
            ) : null}
          </div>
        );
      })}
      <button type="button" className="btn btn-sm btn-ghost add-row" onClick={() => setRows([...rows, { target: '', expr: '' }])}>
        <Plus size={14} aria-hidden />
        Add a field
      </button>
    </div>
  );

  const outcome = (
    <div className="mapper-outcome" aria-live="polite">
      {preview.error ? (
        <div className="callout fail small">
          <span>{preview.problems.length ? 'The preview waits for these fixes: ' + preview.problems.map((p) => shortProblem(p.message)).join(' ') : preview.error}</span>
        </div>
      ) : result ? (
        result.status === 'ok' ? (
          <JsonView value={result.output} summary="Output for this record" open={layout === 'wide'} />
        ) : (
          <div className={`callout ${result.status === 'failed' ? 'fail' : ''} small`}>
            <span>
              <strong>{result.status === 'failed' ? 'This record would fail' : 'This record would be skipped'}:</strong> {result.message}
            </span>
          </div>
        )
      ) : null}
    </div>
  );

  if (layout === 'wide') {
    return (
      <div className="mapper wide">
        {sourceList}
        <div className="mapper-main">
          {pager}
          {rowList}
        </div>
        <div className="mapper-preview">
          <div className="mapper-col-head">
            <span>Preview</span>
          </div>
          {outcome}
          {samples.records[current] !== undefined ? <JsonView value={samples.records[current]} summary="Incoming record" /> : null}
        </div>
      </div>
    );
  }
  return (
    <div className="field mapper compact">
      <div className="row">
        <span className="field-label">{label}</span>
        <span className="spacer" />
        {onExpand ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={onExpand}>
            <Maximize2 size={13} aria-hidden />
            Open large
          </button>
        ) : null}
      </div>
      {ctx.problems.filter((p) => p.path === path).map((p, k) => (
        <span key={k} className="field-error">
          {fieldProblem(p.message)}
        </span>
      ))}
      {sourceList}
      {samples.records.length ? pager : null}
      {rowList}
      {outcome}
    </div>
  );
}
