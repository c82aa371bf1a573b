/** Data shown as indented JSON, folded behind a summary line when asked. */
import { shortValue } from '../lib/fields';

export function JsonView({ value, summary, open }: { value: unknown; summary?: string; open?: boolean }) {
  const text = value === undefined ? '(nothing)' : JSON.stringify(value, null, 2);
  // Focusable: a long value scrolls, and a keyboard user must be able to scroll it too.
  if (!summary) return <pre className="json" tabIndex={0}>{text}</pre>;
  return (
    <details className="collapsible" open={open}>
      <summary>
        {summary} <span className="mono muted">{shortValue(value, 60)}</span>
      </summary>
      <pre className="json" tabIndex={0}>{text}</pre>
    </details>
  );
}
