/** A list of short texts (CSV columns, …), one input per line. */
import { Plus, Trash2 } from 'lucide-react';
import type { WidgetProps } from '../formContext';
import { problemsAt } from '../formContext';
import { fieldHelp } from '../../lib/schema';
import { FieldShell } from './FieldShell';

export function StringListField({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const items = Array.isArray(value) ? value.map((v) => String(v)) : [];
  const problems = problemsAt(ctx.problems, path);
  const set = (next: string[]) => onChange(next.length || required ? next : undefined);
  return (
    <FieldShell id={id} label={label} help={fieldHelp(schema)} required={required} problems={problems} asGroup>
      <div className="stack" style={{ gap: 4 }} role="group" aria-labelledby={`${id}-label`}>
        {items.map((item, i) => (
          <div key={i} className="row" style={{ gap: 4 }}>
            <input className="input input-sm" value={item} aria-label={`${label} ${i + 1}`} onChange={(e) => set(items.map((x, j) => (j === i ? e.target.value : x)))} />
            <button type="button" className="icon-btn sm" aria-label={`Remove ${label} ${i + 1}`} onClick={() => set(items.filter((_, j) => j !== i))}>
              <Trash2 size={14} />
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-sm btn-ghost add-row" onClick={() => set([...items, ''])}>
          <Plus size={14} aria-hidden />
          Add
        </button>
      </div>
    </FieldShell>
  );
}
