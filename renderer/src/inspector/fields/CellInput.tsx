/** One cell of a table of rows: a compact input fitting the column's type. */
import { Switch } from 'radix-ui';
import type { JsonSchema } from '../../lib/schema';
import { primaryType } from '../../lib/schema';
import { Choice } from '../../ui/Choice';

interface CellInputProps {
  schema: JsonSchema;
  value: unknown;
  onChange(v: unknown): void;
  label: string;
  invalid?: boolean;
  required?: boolean;
}

export function CellInput({ schema, value, onChange, label, invalid, required }: CellInputProps) {
  const t = primaryType(schema);
  if (schema.enum) {
    return <Choice small value={value === undefined ? undefined : String(value)} options={schema.enum.map((v) => ({ value: String(v), label: String(v) }))} onChange={onChange} ariaLabel={label} ariaInvalid={invalid} />;
  }
  if (t === 'boolean') {
    return (
      <Switch.Root className="switch" checked={value === true} onCheckedChange={onChange} aria-label={label}>
        <Switch.Thumb className="switch-thumb" />
      </Switch.Root>
    );
  }
  const mono = schema.widget === 'jsonata' || schema.pattern !== undefined;
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <input
      className={`input input-sm${mono ? ' mono' : ''}${invalid ? ' invalid' : ''}`}
      type="text"
      autoComplete="off"
      spellCheck={false}
      aria-label={label}
      aria-invalid={invalid || undefined}
      placeholder={schema.placeholder}
      value={text}
      onChange={(e) => {
        const v = e.target.value;
        if (t === 'number' || t === 'integer') onChange(v.trim() === '' ? undefined : Number.isNaN(Number(v)) ? v : Number(v));
        else onChange(v === '' && !required ? (schema.type === undefined ? '' : undefined) : v);
      }}
    />
  );
}
