/**
 * Rows of small objects as an editable table: value tables (from → to), key/value lists, headers.
 * Each row's problems are shown under it; rows can be added, removed and moved.
 */
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import type { WidgetProps } from '../formContext';
import { fieldProblem, problemsAt } from '../formContext';
import { fieldHelp, fieldLabel, type JsonSchema } from '../../lib/schema';
import { CellInput } from './CellInput';
import { FieldShell } from './FieldShell';

type Row = Record<string, unknown>;

const ADD_LABELS: Record<string, string> = { 'value-table': 'Add a value', 'key-value': 'Add a field' };

export function ArrayTable({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const items = schema.items ?? {};
  const columns = Object.entries(items.properties ?? {}).filter(([, s]) => s.const === undefined) as Array<[string, JsonSchema]>;
  const rows = Array.isArray(value) ? (value as Row[]) : [];
  const own = ctx.problems.filter((p) => p.path === path);
  const set = (next: Row[]) => onChange(next);
  const blank = (): Row => Object.fromEntries(columns.filter(([, s]) => s.default !== undefined).map(([n, s]) => [n, s.default]));
  const columnLabel = (name: string, s: JsonSchema) => (s.label ? s.label : name === 'from' ? 'From' : name === 'to' ? 'To' : fieldLabel(name, s));

  return (
    <FieldShell id={id} label={label} help={fieldHelp(schema)} required={required} problems={own} asGroup>
      <div className="array-table" role="group" aria-labelledby={`${id}-label`}>
        {rows.length ? (
          <div className="array-table-head" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr)) auto` }} aria-hidden>
            {columns.map(([n, s]) => (
              <span key={n}>{columnLabel(n, s)}</span>
            ))}
            <span />
          </div>
        ) : null}
        {rows.map((row, i) => {
          const rowProblems = problemsAt(ctx.problems, `${path}[${i}]`);
          return (
            <div key={i} className="array-table-row-wrap">
              <div className="array-table-row" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr)) auto` }}>
                {columns.map(([n, s]) => (
                  <CellInput
                    key={n}
                    schema={s}
                    value={row[n]}
                    label={`${columnLabel(n, s)}, row ${i + 1}`}
                    required={items.required?.includes(n)}
                    invalid={rowProblems.some((p) => p.path?.startsWith(`${path}[${i}].${n}`))}
                    onChange={(v) => set(rows.map((r, j) => (j === i ? withKey(r, n, v) : r)))}
                  />
                ))}
                <div className="row" style={{ gap: 0 }}>
                  <button type="button" className="icon-btn sm" aria-label={`Move row ${i + 1} up`} disabled={i === 0} onClick={() => set(move(rows, i, i - 1))}>
                    <ArrowUp size={14} />
                  </button>
                  <button type="button" className="icon-btn sm" aria-label={`Move row ${i + 1} down`} disabled={i === rows.length - 1} onClick={() => set(move(rows, i, i + 1))}>
                    <ArrowDown size={14} />
                  </button>
                  <button type="button" className="icon-btn sm" aria-label={`Remove row ${i + 1}`} onClick={() => set(rows.filter((_, j) => j !== i))}>
                    <Trash2 size={14} />
                  </button>
                </div>
              </div>
              {rowProblems.map((p, k) => (
                <span key={k} className="field-error">
                  {fieldProblem(p.message, p.path)}
                </span>
              ))}
            </div>
          );
        })}
        <button type="button" className="btn btn-sm btn-ghost add-row" onClick={() => set([...rows, blank()])}>
          <Plus size={14} aria-hidden />
          {ADD_LABELS[schema.widget ?? ''] ?? 'Add a row'}
        </button>
      </div>
    </FieldShell>
  );
}

export function withKey(obj: Row, key: string, v: unknown): Row {
  const next = { ...obj };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next;
}

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
