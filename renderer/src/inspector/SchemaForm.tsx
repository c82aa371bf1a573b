/**
 * A form generated from a JSON Schema with Sincro's UI hints: node configs, connection settings,
 * template questions. Field types pick their control (text, number, switch, select, rows, JSON,
 * connection, …); `showWhen` hides fields that do not apply; problems appear on their field.
 * The recursive parts (objects, variants, rows of objects) live in this one module.
 */
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { choiceHelp, defaultsFor, discriminator, fieldHelp, fieldLabel, humanize, isShown, primaryType, settingRef, type JsonSchema } from '../lib/schema';
import { Choice } from '../ui/Choice';
import { Toggle } from '../ui/Toggle';
import { ArrayTable, move, withKey } from './fields/ArrayTable';
import { ConnectionField } from './fields/ConnectionField';
import { describedBy, FieldShell } from './fields/FieldShell';
import { JsonField } from './fields/JsonField';
import { NumberField } from './fields/NumberField';
import { SettingRefField } from './fields/SettingRefField';
import { StringListField } from './fields/StringListField';
import { TextField } from './fields/TextField';
import { joinPath, problemsAt, fieldProblem, type FormContext, type WidgetProps } from './formContext';

interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange(next: Record<string, unknown>): void;
  /** Where this object sits, for matching problems ("config"). */
  path: string;
  ctx: FormContext;
  /** Fields not to render (a variant's discriminator, drawn by its parent). */
  skip?: readonly string[];
}

export function SchemaForm({ schema, value, onChange, path, ctx, skip = [] }: SchemaFormProps) {
  const entries = Object.entries(schema.properties ?? {}).filter(([name, s]) => !skip.includes(name) && s.const === undefined && isShown(s, value));
  const field = ([name, s]: [string, JsonSchema]) => (
    <SchemaField key={name} name={name} schema={s} value={value[name]} required={schema.required?.includes(name) ?? false} path={joinPath(path, name)} ctx={ctx} onChange={(v) => onChange(withKey(value, name, v))} />
  );
  // Rarely changed settings wait under "More settings", open when one of them has a problem.
  const advanced = entries.filter(([, s]) => s.advanced);
  const troubled = advanced.some(([name]) => problemsAt(ctx.problems, joinPath(path, name)).length > 0);
  return (
    <div className="schema-form">
      {entries.filter(([, s]) => !s.advanced).map(field)}
      {advanced.length ? (
        <details className="more-settings" open={troubled || undefined}>
          <summary>More settings</summary>
          <div className="schema-form">{advanced.map(field)}</div>
        </details>
      ) : null}
    </div>
  );
}

function SchemaField(props: Omit<WidgetProps, 'id' | 'label'>) {
  const id = useId();
  const { schema, value, name, ctx } = props;
  const p: WidgetProps = { ...props, id, label: fieldLabel(name, schema) };
  if (settingRef(value)) return <SettingRefField {...p} />;
  if (schema.widget === 'mapping' && ctx.widgets?.mapping) return <>{ctx.widgets.mapping(p)}</>;
  if (schema.widget === 'connection') return <ConnectionField {...p} />;
  if (schema.widget === 'json') return <JsonField {...p} />;
  if (schema.oneOf?.length) return <OneOfField {...p} />;
  const t = primaryType(schema);
  if (t === 'array') {
    const items = schema.items ?? {};
    const itemType = primaryType(items);
    if (itemType === 'object' && items.properties) {
      const cols = Object.values(items.properties).filter((s) => s.const === undefined);
      const simple = cols.length <= 3 && cols.every((s) => ['string', 'number', 'integer', 'boolean', undefined].includes(primaryType(s)) && !s.widget?.match(/^(json|mapping|connection)$/));
      return simple ? <ArrayTable {...p} /> : <ArrayCards {...p} />;
    }
    if (itemType === 'string' || itemType === 'number' || itemType === 'integer') return <StringListField {...p} />;
    return <JsonField {...p} />;
  }
  if (t === 'object') return schema.properties ? <ObjectField {...p} /> : <JsonField {...p} />;
  if (t === 'boolean') return <BooleanField {...p} />;
  if (schema.enum) return <EnumField {...p} />;
  if (t === 'number' || t === 'integer') return <NumberField {...p} />;
  return <TextField {...p} />;
}

function BooleanField({ schema, value, onChange, label, ctx, path }: WidgetProps) {
  const problems = problemsAt(ctx.problems, path);
  const checked = value === undefined ? schema.default === true : value === true;
  return (
    <div className="field">
      <Toggle checked={checked} onChange={onChange} label={label} help={fieldHelp(schema)} />
      {problems.map((pr, i) => (
        <span key={i} className="field-error">
          {fieldProblem(pr.message, pr.path)}
        </span>
      ))}
    </div>
  );
}

function EnumField({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const problems = problemsAt(ctx.problems, path);
  const options = (schema.enum ?? []).map((v) => ({ value: String(v), label: schema.enumLabels?.[String(v)] ?? enumWords(String(v)) }));
  const help = choiceHelp(fieldHelp(schema), options);
  const current = value === undefined ? (schema.default !== undefined ? String(schema.default) : undefined) : String(value);
  return (
    <FieldShell id={id} label={label} help={help} required={required} problems={problems}>
      <Choice
        id={id}
        value={current}
        options={options}
        allowNone={required || schema.default !== undefined ? undefined : '—'}
        onChange={(v) => onChange(v === undefined ? undefined : (schema.enum?.find((e) => String(e) === v) ?? v))}
        ariaInvalid={problems.length > 0}
        ariaDescribedBy={describedBy(id, help, problems)}
      />
    </FieldShell>
  );
}

/** Enum values are machine words; show them as words ("when-changed" → "When changed"). */
function enumWords(v: string): string {
  if (/^[A-Z0-9_]+$/.test(v)) return v;
  return humanize(v);
}

function ObjectField({ schema, value, onChange, path, label, id, ctx }: WidgetProps) {
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return (
    <fieldset className="fieldset" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="field-label">
        {label}
      </legend>
      {fieldHelp(schema) ? <p className="field-help">{fieldHelp(schema)}</p> : null}
      <SchemaForm schema={schema} value={obj} onChange={onChange} path={path} ctx={ctx} />
    </fieldset>
  );
}

/** A value that is one of several shapes, told apart by a constant field ("from": rows | file). */
function OneOfField({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const variants = schema.oneOf ?? [];
  const key = discriminator(variants);
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const chosen = key ? variants.find((v) => v.properties?.[key]?.const === obj[key]) : undefined;
  if (!key) return <JsonField schema={schema} value={value} onChange={onChange} path={path} required={required} label={label} id={id} ctx={ctx} name={label} />;
  const variantLabel = (v: JsonSchema) => {
    const c = String(v.properties?.[key]?.const);
    return v.title ?? v.label ?? ({ rows: 'Rows typed here', file: 'A file' } as Record<string, string>)[c] ?? humanize(c);
  };
  return (
    <fieldset className="fieldset" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="field-label">
        {label}
      </legend>
      <FieldShell id={`${id}-kind`} label={humanize(key)} problems={ctx.problems.filter((p) => p.path === path || p.path === `${path}.${key}`)}>
        <Choice
          id={`${id}-kind`}
          value={chosen ? String(obj[key]) : undefined}
          options={variants.map((v) => ({ value: String(v.properties?.[key]?.const), label: variantLabel(v) }))}
          onChange={(c) => {
            const v = variants.find((x) => String(x.properties?.[key]?.const) === c);
            if (v) onChange({ ...defaultsFor(v), [key]: v.properties?.[key]?.const });
          }}
        />
      </FieldShell>
      {chosen ? <SchemaForm schema={chosen} value={obj} onChange={onChange} path={path} ctx={ctx} skip={[key]} /> : null}
    </fieldset>
  );
}

/** Rows of larger objects, each as a small card with its own form. */
function ArrayCards({ schema, value, onChange, path, required, label, id, ctx }: WidgetProps) {
  const items = schema.items ?? {};
  const rows = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  const own = ctx.problems.filter((p) => p.path === path);
  return (
    <FieldShell id={id} label={label} help={fieldHelp(schema)} required={required} problems={own} asGroup>
      <div className="stack" style={{ gap: 8 }} role="group" aria-labelledby={`${id}-label`}>
        {rows.map((row, i) => (
          <div key={i} className="array-card">
            <div className="row">
              <span className="small muted">
                {label} {i + 1}
              </span>
              <span className="spacer" />
              <button type="button" className="icon-btn sm" aria-label={`Move ${label} ${i + 1} up`} disabled={i === 0} onClick={() => onChange(move(rows, i, i - 1))}>
                <ArrowUp size={14} />
              </button>
              <button type="button" className="icon-btn sm" aria-label={`Move ${label} ${i + 1} down`} disabled={i === rows.length - 1} onClick={() => onChange(move(rows, i, i + 1))}>
                <ArrowDown size={14} />
              </button>
              <button type="button" className="icon-btn sm" aria-label={`Remove ${label} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                <Trash2 size={14} />
              </button>
            </div>
            <SchemaForm schema={items} value={row} path={joinPath(path, i)} ctx={ctx} onChange={(next) => onChange(rows.map((r, j) => (j === i ? next : r)))} />
          </div>
        ))}
        <button type="button" className="btn btn-sm btn-ghost add-row" onClick={() => onChange([...rows, defaultsFor(items)])}>
          <Plus size={14} aria-hidden />
          Add
        </button>
      </div>
    </FieldShell>
  );
}
