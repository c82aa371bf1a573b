/** Settings: how long run logs are kept (GDPR, PLT-6), which outcomes raise a notice, the theme, and about this Sincro. */
import { RadioGroup } from 'radix-ui';
import { Check } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { call, errorText } from '../api/call';
import { useCatalogStore } from '../state/useCatalogStore';
import { usePrefsStore, type ThemeChoice } from '../state/usePrefsStore';
import { NotifySettings } from './NotifySettings';
import { StartAtLogin } from './StartAtLogin';

export function SettingsScreen() {
  const info = useCatalogStore((s) => s.info);
  const theme = usePrefsStore((s) => s.theme);
  const setTheme = usePrefsStore((s) => s.setTheme);
  const [retention, setRetention] = useState<string>('');
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('settings.get', {})
      .then((s) => {
        setSaved(s.retentionDays);
        setRetention(String(s.retentionDays));
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  const n = Number(retention);
  const valid = Number.isInteger(n) && n >= 1 && n <= 3650;
  const save = async () => {
    try {
      const r = await call('settings.set', { retentionDays: n });
      setSaved(r.retentionDays);
      toast.success(`Run logs are now kept for ${r.retentionDays} days`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <main className="page" aria-labelledby="settings-title">
      <div className="page-inner" style={{ maxWidth: 760 }}>
        <header className="page-header">
          <div className="titles">
            <h1 id="settings-title">Settings</h1>
          </div>
        </header>
        <section className="card card-pad stack" aria-labelledby="retention-title">
          <h2 id="retention-title" style={{ fontSize: 'var(--text-lg)' }}>
            Privacy: how long run logs are kept
          </h2>
          <p className="muted small">Run logs contain the data that was synced (customers, orders). Sincro deletes them after this many days; the synced data itself stays in your apps.</p>
          <form
            className="row wrap"
            onSubmit={(e) => {
              e.preventDefault();
              if (valid) void save();
            }}
          >
            <label className="field-label" htmlFor="retention">
              Keep run logs for
            </label>
            <input id="retention" className={`input${valid ? '' : ' invalid'}`} style={{ width: 100 }} inputMode="numeric" value={retention} onChange={(e) => setRetention(e.target.value)} aria-invalid={!valid || undefined} aria-describedby="retention-help" />
            <span>days</span>
            <button type="submit" className="btn btn-primary" disabled={!valid || n === saved}>
              Save
            </button>
            {n === saved ? (
              <span className="small text-ok row" style={{ gap: 4 }}>
                <Check size={14} aria-hidden /> Saved
              </span>
            ) : null}
          </form>
          <span id="retention-help" className={valid ? 'field-help' : 'field-error'}>
            {valid ? 'Between 1 and 3650 days.' : 'Enter a whole number of days between 1 and 3650.'}
          </span>
          {error ? <p className="text-fail small">{error}</p> : null}
        </section>
        <NotifySettings />
        <StartAtLogin />
        <section className="card card-pad stack" aria-labelledby="theme-title">
          <h2 id="theme-title" style={{ fontSize: 'var(--text-lg)' }}>
            Appearance
          </h2>
          <RadioGroup.Root className="radio-group" value={theme} onValueChange={(v) => setTheme(v as ThemeChoice)} aria-labelledby="theme-title">
            {(
              [
                ['light', 'Light'],
                ['dark', 'Dark'],
                ['system', 'Same as this computer'],
              ] as const
            ).map(([value, label]) => (
              <div key={value} className="radio-row">
                <RadioGroup.Item className="radio" value={value} id={`theme-${value}`}>
                  <RadioGroup.Indicator className="radio-dot" />
                </RadioGroup.Item>
                <label htmlFor={`theme-${value}`}>{label}</label>
              </div>
            ))}
          </RadioGroup.Root>
        </section>
        <section className="card card-pad stack" aria-labelledby="about-title">
          <h2 id="about-title" style={{ fontSize: 'var(--text-lg)' }}>
            About
          </h2>
          <dl className="about">
            <dt>Version</dt>
            <dd>{info?.version}</dd>
            <dt>Running as</dt>
            <dd>{info?.host === 'electron' ? 'Desktop app' : 'Web (sincro serve)'}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{info?.dataDir}</code>
            </dd>
          </dl>
        </section>
      </div>
    </main>
  );
}
