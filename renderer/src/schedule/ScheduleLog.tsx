/**
 * The latest lines of a flow's scheduler log, under its schedule: what became of each planned time
 * (ran, skipped, missed, caught up), the last run, and which process runs the schedules when it is
 * not this one. Read when shown and every few seconds while it stays open.
 */
import { useEffect, useState } from 'react';
import type { ScheduleLogView } from '../../../core/api/contract';
import { holderWords, OUTCOME_WORDS, type ScheduleOutcome } from '../../../core/api/schedules';
import { call, errorText } from '../api/call';
import { formatDateTime, formatWhen } from '../lib/words';
import { navigate } from '../state/useRouteStore';

const REFRESH_MS = 5_000;
const SHOWN = 8;

const TONE: Record<ScheduleOutcome, string> = { fired: 'text-ok', 'caught-up': 'text-ok', busy: 'muted', paused: 'muted', missed: 'text-fail', error: 'text-fail' };

export function ScheduleLog({ flowId }: { flowId: string }) {
  const [view, setView] = useState<ScheduleLogView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      call('schedules.log', { flowId, limit: SHOWN })
        .then((v) => live && (setView(v), setError(null)))
        .catch((e: unknown) => live && setError(errorText(e)));
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [flowId]);

  if (error) return <p className="text-fail small">{error}</p>;
  if (!view) return null;
  return (
    <div className="field" aria-labelledby="schedule-log-title">
      <span className="field-label" id="schedule-log-title">
        Scheduler log
      </span>
      {view.holder && !view.holder.here ? <span className="field-help">Schedules run in {holderWords(view.holder)}.</span> : null}
      {view.lastRunId ? (
        <span className="field-help">
          Last scheduled run {formatWhen(view.lastRunAt)} ·{' '}
          <button type="button" className="link-btn" onClick={() => navigate({ name: 'run', runId: view.lastRunId as string })}>
            open
          </button>
        </span>
      ) : null}
      {view.entries.length === 0 ? (
        <span className="field-help">Nothing yet: each planned time is listed here once it comes.</span>
      ) : (
        <ul className="small" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 2 }}>
          {view.entries.map((e) => (
            <li key={e.id} title={e.message ?? undefined}>
              <span className="muted">{formatDateTime(e.plannedAt)}</span> <span className={TONE[e.outcome]}>{OUTCOME_WORDS[e.outcome]}</span>
              {e.ticks > 1 ? <span className="muted"> ({e.ticks} times, to {formatDateTime(e.lastPlannedAt)})</span> : null}
              {e.runId ? (
                <>
                  {' '}
                  <button type="button" className="link-btn" onClick={() => navigate({ name: 'run', runId: e.runId as string })}>
                    run
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
