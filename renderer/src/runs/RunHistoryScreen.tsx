/**
 * Run history: every run (flow, outcome, who started it, when, counts), filtered by flow, outcome,
 * trigger and dates and read a page at a time (the history can hold 100,000 runs); and a search
 * for one record across all runs by its key or its label ("what happened to order WEB-1005?").
 */
import { Activity, Search } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { FoundRecord, RunListItem } from '../../../core/api/contract';
import type { RunStatus } from '../../../core/api/run-model';
import { call, errorText } from '../api/call';
import { formatDateTime, formatDuration, formatWhen, RUN_STATUS } from '../lib/words';
import { useFlowListStore } from '../state/useFlowListStore';
import { navigate } from '../state/useRouteStore';
import { useRunStore } from '../state/useRunStore';
import { Choice } from '../ui/Choice';
import { RecordStatusBadge, RunStatusBadge } from '../ui/StatusBadge';

const PAGE = 100;
type StartedBy = RunListItem['startedBy'];
const STARTED_BY: Record<StartedBy, string> = { manual: 'By hand', schedule: 'Schedule', retry: 'Retry' };

/** A day picked in a date field, as the moment it starts here (or the moment after it, for an end). */
function dayStart(day: string, after = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (after ? 1 : 0)).toISOString() : undefined;
}

function RunLink({ runId, children }: { runId: string; children: React.ReactNode }) {
  return (
    <a
      href={`#/runs/${encodeURIComponent(runId)}`}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        navigate({ name: 'run', runId });
      }}
    >
      {children}
    </a>
  );
}

function FindRecord({ initialKey }: { initialKey?: string }) {
  const [key, setKey] = useState(initialKey ?? '');
  const [found, setFound] = useState<{ key: string; list: FoundRecord[]; more: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async (k: string, before?: FoundRecord) => {
    const q = k.trim();
    if (!q) return setFound(null);
    try {
      const list = await call('runs.find', { key: q, limit: PAGE, ...(before ? { before: before.cursor } : {}) });
      setFound((prev) => ({ key: q, list: before && prev ? [...prev.list, ...list] : list, more: list.length === PAGE }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    if (initialKey) void search(initialKey);
  }, [initialKey]);

  return (
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
          <input className="input" placeholder="An order number, email or SKU, or its id" aria-label="Record key or label" value={key} onChange={(e) => setKey(e.target.value)} />
        </div>
        <button type="submit" className="btn">
          Find in all runs
        </button>
      </form>
      {error ? <p className="text-fail small">{error}</p> : null}
      {found ? (
        found.list.length === 0 ? (
          <p className="muted small">No run has a record with the key or label “{found.key}”.</p>
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Flow</th>
                  <th scope="col">Record</th>
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
                      {r.label ? <span>{r.label} </span> : null}
                      <span className="mono muted small">{r.key}</span>
                    </td>
                    <td>
                      <RecordStatusBadge status={r.status} dryRun={r.dryRun} action={r.action} />
                    </td>
                    <td className="small">{r.message ?? r.action ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {found.more ? (
              <button type="button" className="btn btn-sm" style={{ alignSelf: 'flex-start' }} onClick={() => void search(found.key, found.list.at(-1))}>
                Show older
              </button>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}

export function RunHistoryScreen({ initialKey }: { initialKey?: string }) {
  const flows = useFlowListStore((s) => s.flows);
  const [flowId, setFlowId] = useState<string | undefined>();
  const [status, setStatus] = useState<RunStatus | undefined>();
  const [trigger, setTrigger] = useState<StartedBy | undefined>();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [runs, setRuns] = useState<RunListItem[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const liveTick = useRunStore((s) => Object.keys(s.runs).length + Object.values(s.runs).filter((r) => r.summary).length);
  const shown = useRef(0);
  shown.current = runs?.length ?? 0;

  const filter = { ...(flowId ? { flowId } : {}), ...(status ? { status } : {}), ...(trigger ? { trigger } : {}), ...(dayStart(from) ? { since: dayStart(from) } : {}), ...(dayStart(to, true) ? { until: dayStart(to, true) } : {}) };
  const filterKey = JSON.stringify(filter);
  const filtered = filterKey !== '{}';

  useEffect(() => {
    let live = true;
    // A live run that starts or ends: the newest page again, as long as what was shown.
    const limit = Math.min(500, Math.max(PAGE, shown.current));
    call('runs.list', { ...filter, limit })
      .then((r) => live && (setRuns(r), setMore(r.length === limit), setError(null)))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [filterKey, liveTick]);

  const showMore = async () => {
    const last = runs?.at(-1);
    if (!last) return;
    try {
      const page = await call('runs.list', { ...filter, limit: PAGE, before: last.cursor });
      setRuns((r) => [...(r ?? []), ...page]);
      setMore(page.length === PAGE);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <main className="page" aria-labelledby="runs-title">
      <div className="page-inner">
        <header className="page-header">
          <div className="titles">
            <h1 id="runs-title">Run history</h1>
            <p className="muted">Every run, and what happened to every record in it.</p>
          </div>
        </header>

        <FindRecord initialKey={initialKey} />

        <section className="section" aria-labelledby="all-runs-title">
          <div className="section-header">
            <h2 id="all-runs-title">All runs</h2>
          </div>
          <div className="runs-filters" role="group" aria-label="Filter the runs">
            <div style={{ width: 220 }}>
              <Choice value={flowId} allowNone="All flows" options={flows.map((f) => ({ value: f.id, label: f.name }))} onChange={setFlowId} ariaLabel="Flow" />
            </div>
            <div style={{ width: 200 }}>
              <Choice value={status} allowNone="Any outcome" options={Object.entries(RUN_STATUS).map(([v, w]) => ({ value: v, label: w.label }))} onChange={(v) => setStatus(v as RunStatus | undefined)} ariaLabel="Outcome" />
            </div>
            <div style={{ width: 180 }}>
              <Choice value={trigger} allowNone="Started any way" options={Object.entries(STARTED_BY).map(([v, label]) => ({ value: v, label }))} onChange={(v) => setTrigger(v as StartedBy | undefined)} ariaLabel="Started by" />
            </div>
            <label className="row small" style={{ gap: 4 }}>
              From
              <input type="date" className="input input-sm" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} aria-label="Started from (day)" />
            </label>
            <label className="row small" style={{ gap: 4 }}>
              to
              <input type="date" className="input input-sm" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} aria-label="Started until (day, included)" />
            </label>
          </div>
          {error ? <p className="text-fail">{error}</p> : null}
          {!runs ? (
            <p className="muted">Loading…</p>
          ) : runs.length === 0 ? (
            <div className="card empty">
              <Activity size={28} aria-hidden />
              <p>No runs{filtered ? ' match' : ' yet'}. Runs appear here as soon as a flow runs — by hand or on its schedule.</p>
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
                        <RunLink runId={r.id}>{formatWhen(r.startedAt)}</RunLink>
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
                      <td className="small muted">
                        {r.retryOf ? (
                          <>
                            Retry of <RunLink runId={r.retryOf}>a run</RunLink>
                          </>
                        ) : (
                          STARTED_BY[r.startedBy]
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {runs && more ? (
            <button type="button" className="btn" style={{ marginTop: 'var(--space-3)' }} onClick={() => void showMore()}>
              Show older runs
            </button>
          ) : null}
        </section>
      </div>
    </main>
  );
}
