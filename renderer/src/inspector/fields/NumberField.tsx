/** A number input that keeps what is being typed ("-", "1.") until it is a number. */
import { useEffect, useState } from 'react';
import type { WidgetProps } from '../formContext';
import { problemsAt } from '../formContext';
import { describedBy, FieldShell } from './FieldShell';
import { fieldHelp } from '../../lib/schema';

export function NumberField({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const problems = problemsAt(ctx.problems, path);
  const help = fieldHelp(schema);
  const [text, setText] = useState(value === undefined || value === null ? '' : String(value));
  useEffect(() => {
    if (Number(text) !== value && !(text === '' && value === undefined)) setText(value === undefined || value === null ? '' : String(value));
  }, [value]); // only when the value changes from outside
  const integer = schema.type === 'integer';
  return (
    <FieldShell id={id} label={label} help={help} required={required} problems={problems}>
      <input
        id={id}
        className={`input${problems.length ? ' invalid' : ''}`}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={text}
        placeholder={schema.placeholder ?? (schema.default !== undefined ? `Default: ${String(schema.default)}` : undefined)}
        aria-invalid={problems.length ? true : undefined}
        aria-describedby={describedBy(id, help, problems)}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (t.trim() === '') onChange(undefined);
          else if (!Number.isNaN(Number(t))) onChange(Number(t));
        }}
      />
    </FieldShell>
  );
}
