/**
 * A source's pinned test records (issue 11 §2, as n8n pins data): taken from the last run that read
 * records, or typed as JSON. Dry runs and the datamapper's preview use them instead of reading the
 * app, so a change can be tried on the same records again and again; real runs never do.
 */
import { Pin, PinOff } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { MAX_PINNED, type FlowDocument } from '../../../core/api/flow-document';
import { call, errorText } from '../api/call';
import { recordTitle } from '../lib/fields';
import { appName, formatClock, plural } from '../lib/words';
import { useFlowStore } from '../state/useFlowStore';
import { useReadStateStore } from '../state/useReadStateStore';

const PIN_FROM_RUN = 20;
type Pinned = NonNullable<FlowDocument['nodes'][number]['pinned']>;

const setPinned = (nodeId: string, pinned: Pinned | undefined) =>
  useFlowStore.getState().apply((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === nodeId ? (({ pinned: _old, ...rest }) => (pinned?.length ? { ...rest, pinned } : rest))(n) : n)) }));

function parsePinned(text: string): Pinned {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error('a list [ … ] of records is expected');
  if (value.length > MAX_PINNED) throw new Error(`at most ${MAX_PINNED} records can be pinned`);
  return value.map((r: unknown, i) => {
    const o = r as { key?: unknown; data?: unknown } | null;
    if (!o || typeof o !== 'object' || typeof o.key !== 'string' || !o.key || !('data' in o)) throw new Error(`record ${i + 1} needs a "key" (text) and its "data"`);
    return { key: o.key, data: o.data };
  });
}

export function TestRecordsSection({ nodeId, app }: { nodeId: string; app: string }) {
  const flowId = useFlowStore((s) => s.doc?.id ?? '');
  const pinned = useFlowStore((s) => s.doc?.nodes.find((n) => n.id === nodeId)?.pinned);
  const last = useReadStateStore((s) => s.state?.lastRecords);
  const readHere = useReadStateStore((s) => s.state?.sources.find((x) => x.node === nodeId));
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pinFromLastRun = async () => {
    if (!last) return;
    setBusy(true);
    try {
      const data = await call('flows.stepData', { id: flowId, node: nodeId, runId: last.runId, limit: PIN_FROM_RUN });
      const records = (data?.records ?? []).filter((r) => r.output !== undefined).map((r) => ({ key: r.key, data: r.output }));
      if (!records.length) toast.info('This source read nothing in that run', { description: 'Run a dry run that reads records first, or type the test records as JSON.' });
      else setPinned(nodeId, records);
    } catch (e) {
      toast.error('The records could not be pinned', { description: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="test-records" aria-labelledby={`pinned-${nodeId}`}>
      <h3 id={`pinned-${nodeId}`} className="section-title">
        <Pin size={13} aria-hidden /> Test records
      </h3>
      {pinned?.length ? (
        <>
          <p className="small">
            <strong>{plural(pinned.length, 'record')} pinned.</strong> Dry runs and the datamapper’s preview use them instead of reading {appName(app)}; real runs always read {appName(app)}.
          </p>
          <ul className="plain-list small pinned-list">
            {pinned.slice(0, 5).map((r) => (
              <li key={r.key}>
                {recordTitle(r.data) ?? ''} <span className="mono muted">{r.key}</span>
              </li>
            ))}
            {pinned.length > 5 ? <li className="muted">and {plural(pinned.length - 5, 'more record')}</li> : null}
          </ul>
        </>
      ) : (
        <p className="small muted">
          Pin records to test on: dry runs and the datamapper’s preview then use them instead of reading {appName(app)}, so you can try a change on the same records again and again.
          {readHere?.movedOnAt ? ` (This source now reads only what changed since ${formatClock(readHere.movedOnAt)}.)` : ''}
        </p>
      )}
      {editing !== null ? (
        <div className="stack" style={{ gap: 6 }}>
          <label className="field-label" htmlFor={`pinned-json-${nodeId}`}>
            Test records as JSON: a list of {'{ "key": …, "data": { … } }'}
          </label>
          <textarea id={`pinned-json-${nodeId}`} className={`textarea mono${error ? ' invalid' : ''}`} rows={8} spellCheck={false} value={editing} aria-invalid={error ? true : undefined} onChange={(e) => (setEditing(e.target.value), setError(null))} />
          {error ? <p className="field-problem small text-fail">{error}</p> : null}
          <div className="row">
            <button
              type="button"
              className="btn btn-sm btn-primary"
              onClick={() => {
                try {
                  setPinned(nodeId, editing.trim() ? parsePinned(editing) : undefined);
                  setEditing(null);
                } catch (e) {
                  setError(`Not pinned: ${e instanceof Error ? e.message.replace(/^JSON\.parse: /, '') : String(e)}`);
                }
              }}
            >
              Pin these records
            </button>
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => (setEditing(null), setError(null))}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="row" style={{ flexWrap: 'wrap' }}>
          {last ? (
            <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void pinFromLastRun()}>
              <Pin size={13} aria-hidden /> {pinned?.length ? 'Pin the last run’s records instead' : `Pin records of the last run (up to ${PIN_FROM_RUN})`}
            </button>
          ) : null}
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setEditing(JSON.stringify(pinned ?? [], null, 2))}>
            {pinned?.length ? 'Edit as JSON' : 'Type them as JSON'}
          </button>
          {pinned?.length ? (
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setPinned(nodeId, undefined)}>
              <PinOff size={13} aria-hidden /> Unpin
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
