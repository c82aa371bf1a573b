/**
 * The schedule switch with its cron in plain words. The popover offers the usual schedules and a
 * custom cron field; the host checks the expression when the flow is saved and says what is wrong.
 */
import { Popover } from 'radix-ui';
import { CalendarClock, ChevronDown } from 'lucide-react';
import { useState } from 'react';
import { cronInWords, SCHEDULE_PRESETS } from '../lib/cron';
import { useFlowStore } from '../state/useFlowStore';
import { useFlowListStore } from '../state/useFlowListStore';
import { formatWhen } from '../lib/words';
import { saveNow } from './flowPersistence';
import { Toggle } from '../ui/Toggle';
import type { CatchUpPolicy } from '../../../core/api/flow-document';
import { ScheduleLog } from '../schedule/ScheduleLog';

const CATCH_UP: Array<{ value: CatchUpPolicy; label: string }> = [
  { value: 'once', label: 'Run once when back' },
  { value: 'skip', label: 'Skip them' },
];

export function ScheduleControl() {
  const schedule = useFlowStore((s) => s.doc?.schedule);
  const flowId = useFlowStore((s) => s.doc?.id);
  const next = useFlowListStore((s) => s.flows.find((f) => f.id === flowId)?.schedule?.nextRunAt);
  const saveError = useFlowStore((s) => s.saveError);
  const [draft, setDraft] = useState(schedule?.cron ?? '0 6 * * *');
  const enabled = schedule?.enabled ?? false;
  const cron = schedule?.cron ?? draft;

  const set = (patch: { enabled?: boolean; cron?: string; catchUp?: CatchUpPolicy }) => {
    useFlowStore.getState().apply((d) => ({ ...d, schedule: { ...(d.schedule ?? { cron: draft, enabled: false }), ...patch } }));
    void saveNow(patch.catchUp ? `missed times: ${patch.catchUp}` : patch.enabled === undefined ? `schedule: ${patch.cron}` : patch.enabled ? 'schedule on' : 'schedule off');
  };
  const catchUp = schedule?.catchUp ?? 'once';

  return (
    <Popover.Root>
      <Popover.Trigger className={`btn schedule-btn${enabled ? ' on' : ''}`}>
        <CalendarClock size={16} aria-hidden />
        <span className="visually-hidden">Schedule: </span>
        <span className="schedule-words">{enabled ? cronInWords(cron) : 'Not scheduled'}</span>
        <ChevronDown size={14} aria-hidden />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover" sideOffset={6} align="end">
          <div className="stack">
            <Toggle checked={enabled} onChange={(on) => set({ enabled: on, cron })} label="Run by itself on a schedule" help={enabled && next ? `Next run ${formatWhen(next)}.` : 'Runs in the background while Sincro is open.'} />
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
                <input id="cron-field" className="input mono" value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && set({ cron: draft })} aria-describedby="cron-words" />
                <button type="button" className="btn" onClick={() => set({ cron: draft })}>
                  Use
                </button>
              </div>
              <span id="cron-words" className="field-help">
                {cronInWords(draft)}
              </span>
              {saveError && /cron|schedule/i.test(saveError) ? <span className="field-error">{saveError}</span> : null}
            </div>
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
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
