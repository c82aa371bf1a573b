/**
 * The schedule switch with its cron in plain words. The popover offers the usual schedules and a
 * custom cron field, checked as it is typed by the same check the host makes on save: a cron it
 * refuses shows the check's message at the field and is never put into the flow (so it is never
 * saved, and the header never says "Not saved" for it). A valid one shows its next three run
 * times, and a warning when it comes round faster than the flow's last run took.
 */
import { Popover } from 'radix-ui';
import { AlertTriangle, CalendarClock, ChevronDown } from 'lucide-react';
import { useState } from 'react';
import { cronInWords, cronProblem, SCHEDULE_PRESETS } from '../lib/cron';
import { useFlowStore } from '../state/useFlowStore';
import { useCatalogStore } from '../state/useCatalogStore';
import { saveNow } from './flowPersistence';
import { Toggle } from '../ui/Toggle';
import type { CatchUpPolicy } from '../../../core/api/flow-document';
import { ScheduleLog } from '../schedule/ScheduleLog';
import { overlapWarning, scheduleTimes } from '../schedule/scheduleTimes';
import { useLastRunTook } from '../schedule/useLastRunTook';

const CATCH_UP: Array<{ value: CatchUpPolicy; label: string }> = [
  { value: 'once', label: 'Run once when back' },
  { value: 'skip', label: 'Skip them' },
];

const DEFAULT_CRON = '0 6 * * *';

export function ScheduleControl() {
  const schedule = useFlowStore((s) => s.doc?.schedule);
  const enabled = schedule?.enabled ?? false;
  const cron = schedule?.cron ?? DEFAULT_CRON;
  return (
    <Popover.Root>
      <Popover.Trigger className={`btn schedule-btn${enabled ? ' on' : ''}`}>
        <CalendarClock size={16} aria-hidden />
        <span className="visually-hidden">Schedule: </span>
        <span className="schedule-words">{enabled ? cronInWords(cron) : 'Not scheduled'}</span>
        <ChevronDown size={14} aria-hidden />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover" sideOffset={6} align="end" aria-label="Schedule">
          <ScheduleForm />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** The popover's content: mounted when it opens, so the last run's duration is read then. */
function ScheduleForm() {
  const schedule = useFlowStore((s) => s.doc?.schedule);
  const flowId = useFlowStore((s) => s.doc?.id);
  const saveError = useFlowStore((s) => s.saveError);
  const hostTimeZone = useCatalogStore((s) => s.info?.timeZone);
  const lastRunTook = useLastRunTook(flowId);
  const [draft, setDraft] = useState(schedule?.cron ?? DEFAULT_CRON);
  const enabled = schedule?.enabled ?? false;
  const cron = schedule?.cron ?? draft;
  const timezone = schedule?.timezone;
  const draftProblem = cronProblem(draft, timezone);
  // A stored cron the check refuses (a flow file written by hand) is shown as the field's problem
  // when the switch is tried; until then the field shows what is typed.
  const [refused, setRefused] = useState<string | null>(null);
  const problem = draftProblem ?? refused;

  const set = (patch: { enabled?: boolean; cron?: string; catchUp?: CatchUpPolicy }) => {
    const wanted = patch.cron ?? cron;
    // Switching off, or choosing what missed times do, is always possible; a cron is checked when
    // it is set, switched on, or makes a new schedule.
    const why = patch.cron !== undefined || patch.enabled === true || !schedule ? cronProblem(wanted, timezone) : undefined;
    if (why) {
      // Never put a cron the host would refuse into the flow: it would not save.
      setDraft(wanted);
      setRefused(why);
      return;
    }
    setRefused(null);
    useFlowStore.getState().apply((d) => ({ ...d, schedule: { ...(d.schedule ?? { cron: wanted, enabled: false }), ...patch } }));
    void saveNow(patch.catchUp ? `missed times: ${patch.catchUp}` : patch.enabled === undefined ? `schedule: ${patch.cron}` : patch.enabled ? 'schedule on' : 'schedule off');
  };
  const catchUp = schedule?.catchUp ?? 'once';
  const shown = draftProblem ? null : { cron: draft, timezone };
  const times = shown ? scheduleTimes(shown, hostTimeZone, Date.now()) : null;
  const warning = shown ? overlapWarning(shown, hostTimeZone, lastRunTook, Date.now()) : null;
  const current = enabled && !cronProblem(cron, timezone) ? scheduleTimes({ cron, timezone }, hostTimeZone, Date.now(), 1) : null;

  return (
    <div className="stack">
      <Toggle
        checked={enabled}
        onChange={(on) => set(on ? { enabled: true, cron } : { enabled: false })}
        label="Run by itself on a schedule"
        help={current?.next[0] ? `Next run ${current.next[0]}${current.zoneNamed ? ` (${current.zoneNamed})` : ''}.` : 'Runs in the background while Sincro is open.'}
      />
      <div className="field">
        <span className="field-label">When</span>
        <div className="preset-list" role="group" aria-label="Usual schedules">
          {SCHEDULE_PRESETS.map((p) => (
            <button key={p.cron} type="button" className={`btn btn-sm${cron === p.cron ? ' selected' : ''}`} aria-pressed={cron === p.cron} onClick={() => (setDraft(p.cron), set({ cron: p.cron }))}>
              {p.label}
            </button>
          ))}
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="cron-field">
          Custom (cron)
        </label>
        <div className="row">
          <input
            id="cron-field"
            className="input mono"
            value={draft}
            onChange={(e) => (setDraft(e.target.value), setRefused(null))}
            onKeyDown={(e) => e.key === 'Enter' && set({ cron: draft })}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'cron-problem' : 'cron-words cron-next'}
          />
          <button type="button" className="btn" onClick={() => set({ cron: draft })}>
            Use
          </button>
        </div>
        {problem ? (
          <span id="cron-problem" className="field-error" role="alert">
            {problem}
          </span>
        ) : (
          <>
            <span id="cron-words" className="field-help">
              {cronInWords(draft)}
              {draft.trim() !== cron.trim() ? ' (not used yet: press Use)' : ''}
            </span>
            {times && times.next.length ? (
              <span id="cron-next" className="field-help schedule-next">
                Next runs{times.zoneNamed ? ` (${times.zoneNamed} time)` : ''}:{' '}
                {times.next.map((t, i) => (
                  <span key={i} className="schedule-next-time">
                    {i ? ' · ' : ''}
                    {t}
                  </span>
                ))}
              </span>
            ) : null}
          </>
        )}
        {saveError && /cron|schedule/i.test(saveError) && !problem ? <span className="field-error">{saveError}</span> : null}
      </div>
      {warning ? (
        <div className="callout warn schedule-overlap" role="status">
          <AlertTriangle size={16} aria-hidden />
          <span>{warning}</span>
        </div>
      ) : null}
      <div className="field">
        <span className="field-label" id="catch-up-label">
          Times missed while the computer slept or Sincro was closed
        </span>
        <div className="preset-list" role="group" aria-labelledby="catch-up-label">
          {CATCH_UP.map((c) => (
            <button key={c.value} type="button" className={`btn btn-sm${catchUp === c.value ? ' selected' : ''}`} aria-pressed={catchUp === c.value} onClick={() => set({ catchUp: c.value })}>
              {c.label}
            </button>
          ))}
        </div>
      </div>
      {flowId && schedule ? <ScheduleLog flowId={flowId} /> : null}
    </div>
  );
}
