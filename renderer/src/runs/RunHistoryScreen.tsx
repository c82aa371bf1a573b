/**
 * Run history: every run (flow, status, when, counts), filterable; and a search for one record
 * by its key across all runs ("what happened to order WEB-1005?").
 */
import { Activity, Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { RunListItem, RunRecord } from '../../../core/api/contract';
import type { RunStatus } from '../../../core/api/run-model';
import { call, errorText } from '../api/call';
import { formatDateTime, formatDuration, formatWhen, RUN_STATUS, triggerWords } from '../lib/words';
import { useFlowListStore } from '../state/useFlowListStore';
import { useRunStore } from '../state/useRunStore';
import { navigate } from '../state/useRouteStore';
import { Choice } from '../ui/Choice';
import { RecordStatusBadge, RunStatusBadge } from '../ui/StatusBadge';

type Found = RunRecord & { runId: string; startedAt: string; flowName: string; dryRun: boolean };

export function RunHistoryScreen({ initialKey }: { initialKey?: string }) {
  const flows = useFlowListStore((s) => s.flows);
  const [flowId, setFlowId] = useState<string | undefined>();
  const [status, setStatus] = useState<RunStatus | undefined>();
  const [runs, setRuns] = useState<RunListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(initialKey ?? '');
  const [found, setFound] = useState<{ key: string; list: Found[] } | null>(null);
  const liveTick = useRunStore((s) => Object.keys(s.runs).length + Object.values(s.runs).filter((r) => r.summary).length);

  useEffect(() => {
    let live = true;
    call('runs.list', { limit: 200, ...(flowId ? { flowId } : {}), ...(status ? { status } : {}) })
      .then((r) => live && (setRuns(r), setError(null)))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [flowId, status, liveTick]);

  const search = async (k: string) => {
    const q = k.trim();
    if (!q) return setFound(null);
    try {
      setFound({ key: q, list: await call('runs.find', { key: q }) });
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    if (initialKey) void search(initialKey);
  }, [initialKey]);

  return (
    <main className="page" aria-labelledby="runs-title">
      <div className="page-inner">
        <header className="page-header">
          <div className="titles">
            <h1 id="runs-title">Run history</h1>
            <p className="muted">Every run, and what happened to every record in it.</p>
          </div>
        </header>

        <section className="card card-pad stack" aria-labelledby="find-title">
          <h2 id="find-title" style={{ fontSize: 'var(--text-md)' }}>
            Follow one record
          </h2>
          <form
            className="row wrap"
            onSubmit={(e) => {
              e.preventDefault();
              void search(key);
            }}
          >
            <div className="search-box" style={{ maxWidth: 420 }}>
              <Search size={14} aria-hidden />
              <input className="input" placeholder="Its key, e.g. an order number or an email" aria-label="Record key" value={key} onChange={(e) => setKey(e.target.value)} />
            </div>
            <button type="submit" className="btn">
              Find in all runs
            </button>
          </form>
          {found ? (
            found.list.length === 0 ? (
              <p className="muted small">No run has a record with the key “{found.key}”.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Flow</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">What happened</th>
                  </tr>
                </thead>
                <tbody>
                  {found.list.map((r) => (
                    <tr key={`${r.runId}-${r.seq}`} className="clickable" onClick={() => navigate({ name: 'run', runId: r.runId, record: r.seq })}>
                      <td>
                        <a
                          href={`#/runs/${encodeURIComponent(r.runId)}/${r.seq}`}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate({ name: 'run', runId: r.runId, record: r.seq });
                          }}
                        >
                          {formatWhen(r.startedAt)}
                        </a>
                        {r.dryRun ? <span className="badge" style={{ marginLeft: 6 }}>Dry run</span> : null}
                      </td>
                      <td>{r.flowName}</td>
                      <td>
                        <RecordStatusBadge status={r.status} dryRun={r.dryRun} action={r.action} />
                      </td>
                      <td className="small">{r.message ?? r.action ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : null}
        </section>

        <section className="section" aria-labelledby="all-runs-title">
          <div className="section-header">
            <h2 id="all-runs-title">All runs</h2>
            <span className="spacer" />
            <div style={{ width: 220 }}>
              <Choice value={flowId} allowNone="All flows" options={flows.map((f) => ({ value: f.id, label: f.name }))} onChange={setFlowId} ariaLabel="Flow" />
            </div>
            <div style={{ width: 200 }}>
              <Choice value={status} allowNone="Any outcome" options={Object.entries(RUN_STATUS).map(([v, w]) => ({ value: v, label: w.label }))} onChange={(v) => setStatus(v as RunStatus | undefined)} ariaLabel="Outcome" />
            </div>
          </div>
          {error ? <p className="text-fail">{error}</p> : null}
          {!runs ? (
            <p className="muted">Loading…</p>
          ) : runs.length === 0 ? (
            <div className="card empty">
              <Activity size={28} aria-hidden />
              <p>No runs{flowId || status ? ' match' : ' yet'}. Runs appear here as soon as a flow runs — by hand or on its schedule.</p>
            </div>
          ) : (
            <div className="card" style={{ overflow: 'auto' }}>
              <table className="table runs-table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Flow</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" className="num">
                      Read
                    </th>
                    <th scope="col" className="num">
                      Done <span className="muted small">(dry: would)</span>
                    </th>
                    <th scope="col" className="num">
                      Skipped
                    </th>
                    <th scope="col" className="num">
                      Failed
                    </th>
                    <th scope="col">Took</th>
                    <th scope="col">Started by</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((r) => (
                    <tr key={r.id} className="clickable" onClick={() => navigate({ name: 'run', runId: r.id })}>
                      <td title={formatDateTime(r.startedAt)}>
                        <a
                          href={`#/runs/${encodeURIComponent(r.id)}`}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate({ name: 'run', runId: r.id });
                          }}
                        >
                          {formatWhen(r.startedAt)}
                        </a>
                      </td>
                      <td>{r.flowName}</td>
                      <td>
                        <RunStatusBadge status={r.status} dryRun={r.dryRun} counts={r.counts} />
                      </td>
                      <td className="num">{r.counts?.read.toLocaleString() ?? '—'}</td>
                      <td className="num">
                        {r.dryRun && r.counts ? <span className="muted small">would </span> : null}
                        {r.counts?.ok.toLocaleString() ?? '—'}
                      </td>
                      <td className="num">{r.counts?.skipped.toLocaleString() ?? '—'}</td>
                      <td className={`num${r.counts?.failed ? ' text-fail' : ''}`}>{r.counts?.failed.toLocaleString() ?? '—'}</td>
                      <td className="small">{r.finishedAt ? formatDuration(Date.parse(r.finishedAt) - Date.parse(r.startedAt)) : '…'}</td>
                      <td className="small muted">{triggerWords(r.trigger)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </main>
  );
}
