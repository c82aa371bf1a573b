/** Step 1: which apps to connect. */
import { Check } from 'lucide-react';
import type { AppId } from '../connections/appConnections';
import { useWizardStore } from './wizardState';

const APPS: Array<{ id: AppId; name: string; what: string }> = [
  { id: 'mplus', name: 'MplusKASSA', what: 'Your point of sale: orders, invoices, products, relations.' },
  { id: 'teamleader', name: 'Teamleader Focus', what: 'Your CRM and invoicing: contacts, companies, quotations, invoices.' },
];

export function WizardAppsStep() {
  const apps = useWizardStore((s) => s.apps);
  const set = useWizardStore((s) => s.set);
  const toggle = (id: AppId) => set({ apps: apps.includes(id) ? apps.filter((a) => a !== id) : [...apps, id] });
  return (
    <div className="stack">
      <p>Which apps should Sincro keep in sync?</p>
      <div className="choice-cards" role="group" aria-label="Apps">
        {APPS.map((a) => {
          const on = apps.includes(a.id);
          return (
            <button key={a.id} type="button" role="checkbox" aria-checked={on} className={`choice-card${on ? ' on' : ''}`} onClick={() => toggle(a.id)}>
              <span className="choice-check" aria-hidden>
                {on ? <Check size={14} /> : null}
              </span>
              <span className="stack" style={{ gap: 2 }}>
                <strong>{a.name}</strong>
                <span className="muted small">{a.what}</span>
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
