/**
 * The dashboard (PLT-7): what flowed per day — synced, skipped, failed — and how each flow is
 * doing, from the run history (real runs only; dry runs write nothing).
 */
import { BarChart3 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardStats } from '../../../core/api/contract';
import { call, errorText } from '../api/call';
import { formatWhen } from '../lib/words';
import { usePrefsStore } from '../state/usePrefsStore';
import { navigate } from '../state/useRouteStore';
import { Choice } from '../ui/Choice';
import { RunStatusBadge } from '../ui/StatusBadge';

function useColors(): Record<'ok' | 'skipped' | 'failed' | 'grid' | 'text' | 'surface' | 'border', string> {
  const theme = usePrefsStore((s) => s.effective);
  return useMemo(() => {
    const css = getComputedStyle(document.documentElement);
    const v = (name: string) => css.getPropertyValue(name).trim();
    return { ok: v('--ok'), skipped: v('--border-strong'), failed: v('--fail'), grid: v('--border'), text: v('--text-muted'), surface: v('--surface'), border: v('--border') };
  }, [theme]);
}

const formatCount = (n: number) => n.toLocaleString('en-US');

/**
 * Room for the y axis's longest label: recharts rounds the top of the axis up to a "nice" number
 * (at most about twice the largest value, one digit more), at about 7.5 px a character of 12 px text.
 */
function axisWidthFor(max: number): number {
  const longest = formatCount(Math.max(10, max * 2)).length;
  return Math.ceil(longest * 7.5) + 12;
}

function fillDays(days: DashboardStats['days'], n: number): DashboardStats['days'] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const out: DashboardStats['days'] = [];
  for (let i = n - 1; i >= 0; i--) {
    const day = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, runs: 0, read: 0, ok: 0, skipped: 0, failed: 0 });
  }
  return out;
}

export function DashboardScreen() {
  const [days, setDays] = useState(30);
  const [stats, setStats] = useState<DashboardStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const colors = useColors();

  useEffect(() => {
    let live = true;
    call('dashboard.stats', { days })
      .then((s) => live && setStats(s))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [days]);

  const series = useMemo(() => (stats ? fillDays(stats.days, days).map((d) => ({ ...d, label: new Date(`${d.day}T12:00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'short' }) })) : []), [stats, days]);
  const totals = useMemo(() => (stats?.days ?? []).reduce((t, d) => ({ runs: t.runs + d.runs, ok: t.ok + d.ok, skipped: t.skipped + d.skipped, failed: t.failed + d.failed }), { runs: 0, ok: 0, skipped: 0, failed: 0 }), [stats]);
  const failedRuns = (stats?.flows ?? []).reduce((n, f) => n + f.failedRuns, 0);
  // The axis is as wide as its longest label ("120,000"), so no label is cut off on the left.
  const yAxisWidth = useMemo(() => axisWidthFor(Math.max(0, ...series.map((d) => d.ok + d.skipped + d.failed))), [series]);

  return (
    <main className="page" aria-labelledby="dash-title">
      <div className="page-inner">
        <header className="page-header">
          <div className="titles">
            <h1 id="dash-title">Dashboard</h1>
            <p className="muted">What your flows moved, day by day — each record counted once a day, by how it ended last.</p>
          </div>
          <div style={{ width: 180 }}>
            <Choice value={String(days)} options={[7, 30, 90].map((n) => ({ value: String(n), label: `Last ${n} days` }))} onChange={(v) => setDays(Number(v ?? 30))} ariaLabel="Period" />
          </div>
        </header>
        {error ? <div className="callout fail">{error}</div> : null}
        <section className="tiles" aria-label="Totals">
          <div className="card tile">
            <span className="tile-label">Runs</span>
            <span className="tile-value">{totals.runs.toLocaleString()}</span>
          </div>
          <div className="card tile">
            <span className="tile-label">Records done</span>
            <span className="tile-value text-ok">{totals.ok.toLocaleString()}</span>
          </div>
          <div className="card tile">
            {/* Not only "already in sync": also filtered out, switched off, or come from the app a target writes to. */}
            <span className="tile-label" title="Already in sync, filtered out, switched off, or came from the app they would be sent to">
              Skipped records
            </span>
            <span className="tile-value">{totals.skipped.toLocaleString()}</span>
          </div>
          <div className="card tile">
            <span className="tile-label">Failed records</span>
            <span className={`tile-value${totals.failed ? ' text-fail' : ''}`}>{totals.failed.toLocaleString()}</span>
          </div>
          <div className="card tile">
            <span className="tile-label">Runs with problems</span>
            <span className={`tile-value${failedRuns ? ' text-fail' : ''}`}>{failedRuns.toLocaleString()}</span>
          </div>
        </section>
        <section className="card card-pad stack" aria-labelledby="per-day-title">
          <h2 id="per-day-title" style={{ fontSize: 'var(--text-md)' }}>
            Records per day
          </h2>
          {stats && totals.runs === 0 ? (
            <div className="empty">
              <BarChart3 size={28} aria-hidden />
              <p>Nothing has run in this period yet. Dry runs are not counted: they write nothing.</p>
            </div>
          ) : (
            <div style={{ width: '100%', height: 280 }} role="img" aria-label={`Records per day for the last ${days} days: ${totals.ok} synced, ${totals.skipped} skipped, ${totals.failed} failed.`}>
              <ResponsiveContainer>
                <BarChart data={series} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke={colors.grid} vertical={false} />
                  <XAxis dataKey="label" tick={{ fill: colors.text, fontSize: 12 }} tickLine={false} axisLine={{ stroke: colors.grid }} minTickGap={16} padding={{ left: 4, right: 4 }} />
                  <YAxis allowDecimals={false} tick={{ fill: colors.text, fontSize: 12 }} tickLine={false} axisLine={false} tickFormatter={formatCount} width={yAxisWidth} />
                  <Tooltip cursor={{ fill: colors.grid, opacity: 0.4 }} contentStyle={{ background: colors.surface, border: `1px solid ${colors.border}`, borderRadius: 6 }} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  <Bar dataKey="ok" name="Done" stackId="r" fill={colors.ok} isAnimationActive={false} />
                  <Bar dataKey="skipped" name="Skipped" stackId="r" fill={colors.skipped} isAnimationActive={false} />
                  <Bar dataKey="failed" name="Failed" stackId="r" fill={colors.failed} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </section>
        <section className="section" aria-labelledby="per-flow-title">
          <h2 id="per-flow-title" style={{ fontSize: 'var(--text-lg)' }}>
            Per flow
          </h2>
          {stats?.flows.length ? (
            <div className="card table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Flow</th>
                    <th scope="col" className="num">
                      Runs
                    </th>
                    <th scope="col" className="num">
                      With problems
                    </th>
                    <th scope="col">Last run</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.flows.map((f) => (
                    <tr key={f.flowId} className="clickable" onClick={() => navigate({ name: 'editor', flowId: f.flowId })}>
                      <td>
                        <a
                          href={`#/flows/${encodeURIComponent(f.flowId)}`}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate({ name: 'editor', flowId: f.flowId });
                          }}
                        >
                          {f.flowName}
                        </a>
                      </td>
                      <td className="num">{f.runs}</td>
                      <td className={`num${f.failedRuns ? ' text-fail' : ''}`}>{f.failedRuns}</td>
                      <td>
                        <div className="row">
                          <RunStatusBadge status={f.lastStatus} />
                          <span className="small muted">{formatWhen(f.lastRunAt)}</span>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">No flow has run in this period.</p>
          )}
        </section>
      </div>
    </main>
  );
}
