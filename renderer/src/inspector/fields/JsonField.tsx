/** Free-form data as JSON text; only valid JSON reaches the document, errors are shown in place. */
import { useEffect, useRef, useState } from 'react';
import type { WidgetProps } from '../formContext';
import { problemsAt } from '../formContext';
import { describedBy, FieldShell } from './FieldShell';
import { fieldHelp } from '../../lib/schema';

export function JsonField({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const problems = problemsAt(ctx.problems, path);
  const help = fieldHelp(schema);
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [error, setError] = useState<string | null>(null);
  const last = useRef(value);
  useEffect(() => {
    // A change from outside (undo, another field) replaces the text; our own edits do not.
    if (value !== last.current) {
      last.current = value;
      setText(value === undefined ? '' : JSON.stringify(value, null, 2));
      setError(null);
    }
  }, [value]);
  const all = error ? [{ message: `Not valid JSON yet: ${error}`, path }, ...problems] : problems;
  return (
    <FieldShell id={id} label={label} help={help} required={required} problems={all}>
      <textarea
        id={id}
        className={`textarea mono${all.length ? ' invalid' : ''}`}
        rows={8}
        spellCheck={false}
        value={text}
        aria-invalid={all.length ? true : undefined}
        aria-describedby={describedBy(id, help, all)}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setError(null);
            last.current = undefined;
            onChange(undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            setError(null);
            last.current = parsed;
            onChange(parsed);
          } catch (err) {
            setError(err instanceof Error ? err.message.replace(/^JSON\.parse: /, '') : String(err));
          }
        }}
      />
    </FieldShell>
  );
}
