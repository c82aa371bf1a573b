/** Data shown as indented JSON, folded behind a summary line when asked. */
import { shortValue } from '../lib/fields';

export function JsonView({ value, summary, open }: { value: unknown; summary?: string; open?: boolean }) {
  const text = value === undefined ? '(nothing)' : JSON.stringify(value, null, 2);
  if (!summary) return <pre className="json">{text}</pre>;
  return (
    <details className="collapsible" open={open}>
      <summary>
        {summary} <span className="mono muted">{shortValue(value, 60)}</span>
      </summary>
      <pre className="json">{text}</pre>
    </details>
  );
}
