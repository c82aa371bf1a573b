/**
 * A config value that takes a flow setting ("{{settings.employeeNumber}}"): shown as such, with
 * the setting's current value, and a way to put a fixed value here instead.
 */
import { Link2 } from 'lucide-react';
import type { WidgetProps } from '../formContext';
import { problemsAt } from '../formContext';
import { fieldHelp, settingRef } from '../../lib/schema';
import { shortValue } from '../../lib/fields';
import { FieldShell } from './FieldShell';

export function SettingRefField({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const name = settingRef(value) ?? '';
  const current = name.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), ctx.settings ?? {});
  return (
    <FieldShell id={id} label={label} help={fieldHelp(schema)} required={required} problems={problemsAt(ctx.problems, path)} asGroup>
      <div className="setting-ref" role="group" aria-labelledby={`${id}-label`}>
        <Link2 size={14} aria-hidden />
        <span>
          From the flow setting <strong>{name}</strong>
          <span className="muted"> · now {shortValue(current, 40)}</span>
        </span>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange(current === undefined ? undefined : structuredClone(current))}>
          Use a fixed value
        </button>
      </div>
    </FieldShell>
  );
}
