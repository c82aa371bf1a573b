/** Text, long text and expression inputs (expressions in monospace, no spell-check). */
import type { WidgetProps } from '../formContext';
import { problemsAt } from '../formContext';
import { describedBy, FieldShell } from './FieldShell';
import { fieldHelp } from '../../lib/schema';

export function TextField({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const problems = problemsAt(ctx.problems, path);
  const help = fieldHelp(schema);
  const code = schema.widget === 'jsonata' || schema.widget === 'code';
  const multi = schema.widget === 'textarea' || schema.widget === 'code';
  const text = value === undefined || value === null ? '' : String(value);
  const set = (v: string) => onChange(v === '' && !required ? undefined : v);
  const placeholder = schema.placeholder ?? (schema.default !== undefined ? `Default: ${String(schema.default)}` : undefined);
  const common = {
    id,
    value: text,
    placeholder,
    spellCheck: !code,
    'aria-invalid': problems.length ? true : undefined,
    'aria-describedby': describedBy(id, help, problems),
    'aria-required': required || undefined,
  };
  return (
    <FieldShell id={id} label={label} help={help} required={required} problems={problems}>
      {multi ? (
        <textarea className={`textarea${code ? ' mono' : ''}${problems.length ? ' invalid' : ''}`} {...common} onChange={(e) => set(e.target.value)} />
      ) : (
        <input className={`input${code ? ' mono' : ''}${problems.length ? ' invalid' : ''}`} type="text" autoComplete="off" {...common} onChange={(e) => set(e.target.value)} />
      )}
    </FieldShell>
  );
}
