/**
 * Unknown keys are refused, not dropped. Node types declare their configs with plain `z.object`
 * (which strips what it does not know), so a typo like `reasn` for `reason` used to vanish and the
 * node ran on its default. Validation parses each config with a strict copy of the node's schema
 * instead, made here once per schema: every plain object in it refuses unknown keys (objects that
 * declare a catchall, like `z.looseObject` or `z.record`, keep what they allow). The node's own
 * schema stays as declared, so the editor's forms and each node's tests are unchanged.
 */
import { z } from 'zod';
import { closestName } from '../util/closest-name';

type AnySchema = z.ZodType;
// zod's definitions differ per schema type; this module reads only their documented fields.
type Def = Record<string, unknown> & { type: string };

const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const cloneWith = (s: AnySchema, def: Def): AnySchema => (s as unknown as { clone(def: Def): AnySchema }).clone(def);

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

const made = new WeakMap<AnySchema, AnySchema>();

/** The same schema, with every plain object in it strict. */
export function strictSchema<S extends AnySchema>(schema: S): S {
  const known = made.get(schema);
  if (known) return known as S;
  const def = defOf(schema);
  let out: AnySchema = schema;
  if (def.type === 'lazy') {
    const getter = def['getter'] as () => AnySchema;
    out = z.lazy(() => strictSchema(getter()));
  } else {
    // Register first, so a schema that refers to itself (through z.lazy) ends.
    made.set(schema, schema);
    const next = strictDef(def);
    if (next) out = cloneWith(schema, next);
  }
  made.set(schema, out);
  return out as S;
}

function strictDef(def: Def): Def | undefined {
  const strict = (s: unknown) => strictSchema(s as AnySchema);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def['shape'] as Record<string, AnySchema>).map(([k, v]) => [k, strict(v)]));
      return { ...def, shape, ...(def['catchall'] === undefined ? { catchall: z.never() } : {}) };
    }
    case 'array':
      return { ...def, element: strict(def['element']) };
    case 'record':
      return { ...def, valueType: strict(def['valueType']) };
    case 'tuple':
      return { ...def, items: (def['items'] as AnySchema[]).map(strict), ...(def['rest'] ? { rest: strict(def['rest']) } : {}) };
    case 'union':
      return { ...def, options: (def['options'] as AnySchema[]).map(strict) };
    case 'pipe':
      return { ...def, in: strict(def['in']), out: strict(def['out']) };
    default:
      // Intersections stay as they are: each side would refuse the other's keys.
      return WRAPPERS.has(def.type) ? { ...def, innerType: strict(def['innerType']) } : undefined;
  }
}

/** The keys a schema knows at a path of its input (through lists, unions and wrappers). */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let level: AnySchema[] = [schema];
  for (let i = 0; i <= path.length; i++) {
    const expanded = level.flatMap(unwrap);
    if (i === path.length) return [...new Set(expanded.flatMap((s) => (defOf(s).type === 'object' ? Object.keys(defOf(s)['shape'] as object) : [])))];
    const key = path[i];
    level = expanded.flatMap((s): AnySchema[] => {
      const def = defOf(s);
      if (def.type === 'object' && typeof key === 'string') {
        const child = (def['shape'] as Record<string, AnySchema>)[key];
        return child ? [child] : [];
      }
      if (def.type === 'array' && typeof key === 'number') return [def['element'] as AnySchema];
      if (def.type === 'record') return [def['valueType'] as AnySchema];
      if (def.type === 'tuple' && typeof key === 'number') return [((def['items'] as AnySchema[])[key] ?? def['rest']) as AnySchema].filter(Boolean);
      return [];
    });
  }
  return [];
}

/** A schema with its wrappers, unions and pipes opened up: the schemas a value may meet. */
function unwrap(schema: AnySchema): AnySchema[] {
  const out: AnySchema[] = [];
  const todo = [schema];
  for (let guard = 0; todo.length && guard < 1000; guard++) {
    const s = todo.pop() as AnySchema;
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) todo.push(def['innerType'] as AnySchema);
    else if (def.type === 'union') todo.push(...(def['options'] as AnySchema[]));
    else if (def.type === 'pipe') todo.push(def['in'] as AnySchema, def['out'] as AnySchema);
    else if (def.type === 'lazy') todo.push((def['getter'] as () => AnySchema)());
    else out.push(s);
  }
  return out;
}

/**
 * One phrase per unknown key of a zod `unrecognized_keys` issue, with the closest known key (or
 * the known ones): `"reasn" is not a known setting (did you mean "reason"?)`.
 */
export function unknownKeyMessages(schema: AnySchema, issue: { path: readonly PropertyKey[]; keys: readonly string[] }, noun = 'setting', of = ''): Array<{ key: string; message: string }> {
  const known = knownKeysAt(schema, issue.path);
  return issue.keys.map((key) => {
    const closest = closestName(key, known);
    const hint = closest ? `did you mean "${closest}"?` : known.length ? `known: ${known.join(', ')}` : '';
    return { key, message: `"${key}" is not a known ${noun}${of ? ` of ${of}` : ''}${hint ? ` (${hint})` : ''}` };
  });
}
