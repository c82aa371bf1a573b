/** Picks a stored connection of a fitting kind, or adds one on the spot. */
import { CheckCircle2, Loader2, Plus, XCircle } from 'lucide-react';
import { useState } from 'react';
import type { WidgetProps } from '../formContext';
import { problemsAt } from '../formContext';
import { call, errorText } from '../../api/call';
import { fieldHelp, settingRef } from '../../lib/schema';
import { kindFits, useAddConnectionStore } from '../../state/useAddConnectionStore';
import { useConnectionStore } from '../../state/useConnectionStore';
import { Choice } from '../../ui/Choice';
import { describedBy, FieldShell } from './FieldShell';

export function ConnectionField({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const all = useConnectionStore((s) => s.list);
  const fitting = all.filter((c) => kindFits(c.kind, schema.connectionKinds));
  const problems = problemsAt(ctx.problems, path);
  const help = fieldHelp(schema);
  const [test, setTest] = useState<{ state: 'busy' } | { state: 'done'; ok: boolean; message: string } | null>(null);
  const selected = typeof value === 'string' && !settingRef(value) ? value : undefined;
  const missing = selected && !all.some((c) => c.id === selected);

  const runTest = async () => {
    if (!selected) return;
    setTest({ state: 'busy' });
    try {
      const r = await call('connections.test', { id: selected });
      setTest({ state: 'done', ...r });
    } catch (e) {
      setTest({ state: 'done', ok: false, message: errorText(e) });
    }
  };

  const options = fitting.map((c) => ({ value: c.id, label: c.name }));
  if (missing && selected) options.unshift({ value: selected, label: `${selected} (not stored here)` });

  return (
    <FieldShell id={id} label={label} help={help} required={required} problems={problems}>
      <div className="row" style={{ gap: 6 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Choice
            id={id}
            value={selected}
            options={options}
            placeholder={fitting.length ? 'Choose a connection…' : 'No connection yet'}
            allowNone={required ? undefined : 'No connection'}
            onChange={(v) => {
              setTest(null);
              onChange(v);
            }}
            ariaInvalid={problems.length > 0}
            ariaDescribedBy={describedBy(id, help, problems)}
          />
        </div>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() =>
            useAddConnectionStore.getState().open({
              kinds: schema.connectionKinds,
              onCreated: (c) => {
                setTest(null);
                onChange(c.id);
              },
            })
          }
        >
          <Plus size={14} aria-hidden />
          Add
        </button>
      </div>
      {selected && !missing ? (
        <div className="row small">
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => void runTest()} disabled={test?.state === 'busy'}>
            Test connection
          </button>
          {test?.state === 'busy' ? <Loader2 size={14} className="spin" aria-label="Testing" /> : null}
          {test?.state === 'done' ? (
            <span className={`row small ${test.ok ? 'text-ok' : 'text-fail'}`} role="status" style={{ gap: 4 }}>
              {test.ok ? <CheckCircle2 size={14} aria-hidden /> : <XCircle size={14} aria-hidden />}
              {test.message}
            </span>
          ) : null}
        </div>
      ) : null}
    </FieldShell>
  );
}
