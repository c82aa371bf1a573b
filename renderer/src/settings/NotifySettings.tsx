/** Settings: which ends of a run raise a notice (the inbox, and a desktop notification). */
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import type { NoticeOutcome } from '../../../core/api/contract';
import { call, errorText } from '../api/call';
import { Toggle } from '../ui/Toggle';

const OUTCOMES: Array<{ outcome: NoticeOutcome; label: string; help: string }> = [
  { outcome: 'failed', label: 'A run failed', help: 'It stopped as a whole: an app could not be reached, the flow has a problem.' },
  { outcome: 'partial', label: 'Records failed', help: 'The run went through, but some records did not: each is in the run with the reason.' },
  { outcome: 'recovered', label: 'A flow works again', help: 'The first run that succeeds after a failed one.' },
  { outcome: 'succeeded', label: 'Every successful run', help: 'Counted in one notice per flow while it keeps succeeding.' },
];

export function NotifySettings() {
  const [notifyOn, setNotifyOn] = useState<NoticeOutcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('settings.get', {})
      .then((s) => setNotifyOn(s.notifyOn))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  const change = async (outcome: NoticeOutcome, on: boolean) => {
    const next = on ? [...(notifyOn ?? []), outcome] : (notifyOn ?? []).filter((o) => o !== outcome);
    setNotifyOn(next);
    try {
      setNotifyOn((await call('settings.set', { notifyOn: next })).notifyOn);
      setError(null);
    } catch (e) {
      setError(errorText(e));
      toast.error('The notice settings could not be saved', { description: errorText(e) });
    }
  };

  return (
    <section className="card card-pad stack" aria-labelledby="notify-title">
      <h2 id="notify-title" style={{ fontSize: 'var(--text-lg)' }}>
        Notices
      </h2>
      <p className="muted small">
        When a run ends like this, Sincro tells you: in the inbox (the bell), and with a desktop notification while its window is in the background or closed. A flow that keeps failing is told once, with the number of runs.
      </p>
      {notifyOn
        ? OUTCOMES.map((o) => <Toggle key={o.outcome} checked={notifyOn.includes(o.outcome)} onChange={(on) => void change(o.outcome, on)} label={o.label} help={o.help} />)
        : null}
      {error ? <p className="text-fail small">{error}</p> : null}
    </section>
  );
}
