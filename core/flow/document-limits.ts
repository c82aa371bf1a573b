/**
 * What a flow document may not hold at all, checked on the raw JSON value before zod or any other
 * recursive code sees it: nesting deeper than MAX_NESTING (20,000 nested objects overflow the stack
 * of every recursive walk, zod's included) and the names that reach an object's prototype
 * (`__proto__`, `constructor`, `prototype`; zod silently drops a `__proto__` key, so it would
 * otherwise vanish unnoticed). The walk is iterative, so the check cannot overflow itself, and it
 * stops descending at the limit.
 */
import type { FlowProblem } from '../api/flow-document';

/** Objects and lists inside each other, counted from a node's config (or a flow field) down. */
export const MAX_NESTING = 64;

/** Names that would change or reach an object's prototype; refused as keys anywhere in a flow. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

interface Frame {
  value: unknown;
  /** The field of a flow or node (e.g. `config`) is level 1. */
  depth: number;
  key: string | number;
  parent: Frame | undefined;
}

/** "config.table.rows[3]", cut after `maxSegments` segments with "…". */
function pathOf(frame: Frame, maxSegments = Number.POSITIVE_INFINITY): string {
  const keys: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f; f = f.parent) keys.push(f.key);
  keys.reverse();
  let out = '';
  for (const k of keys.slice(0, maxSegments)) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return keys.length > maxSegments ? `${out}…` : out;
}

/** The field as a user knows it: the flow's or node's field and the key inside it ("config.table"). */
function fieldOf(frame: Frame): string {
  const chain: Frame[] = [];
  for (let f: Frame | undefined = frame; f; f = f.parent) chain.push(f);
  const top = chain.at(-1) as Frame;
  const second = chain.at(-2);
  return second ? pathOf(second) : pathOf(top);
}

const NESTING_WORDS = `Sincro reads at most ${MAX_NESTING} levels of objects and lists inside each other`;
const RESERVED_WORDS = '"__proto__", "constructor" and "prototype" cannot be used as names in a flow';

/**
 * The hazards among the fields of one object (a flow, a node, a config): the first place that
 * nests too deeply, and every reserved key (at most 20 problems). `who` starts each message.
 */
function hazardsIn(fields: Record<string, unknown>, who: string, node: string | undefined, prefix = ''): FlowProblem[] {
  const found: FlowProblem[] = [];
  const problem = (path: string, message: string) => found.push({ ...(node !== undefined ? { node } : {}), path: prefix + path, message: `${who}${message}` });
  const stack: Frame[] = [];
  /** Names the reserved keys of an object, in order, and puts its other children on the stack. */
  const open = (parent: Frame | undefined, obj: Record<string, unknown>) => {
    const keys = Object.keys(obj);
    const depth = (parent?.depth ?? 0) + 1;
    for (const key of keys) {
      if (!RESERVED_KEYS.has(key)) continue;
      const path = pathOf({ value: undefined, depth, key, parent });
      problem(path, `${path} is not allowed: ${RESERVED_WORDS}.`);
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      if (!RESERVED_KEYS.has(key) && isObject(obj[key])) stack.push({ value: obj[key], depth, key, parent });
    }
  };
  open(undefined, fields);
  let tooDeep = false;
  while (stack.length && found.length < 20) {
    const frame = stack.pop() as Frame;
    const v = frame.value as object;
    if (frame.depth > MAX_NESTING) {
      if (!tooDeep) problem(fieldOf(frame), `${fieldOf(frame)} is nested too deeply (${pathOf(frame, 6)} goes on past level ${MAX_NESTING}); ${NESTING_WORDS}.`);
      tooDeep = true;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (isObject(v[i])) stack.push({ value: v[i], depth: frame.depth + 1, key: i, parent: frame });
    } else open(frame, v as Record<string, unknown>);
  }
  return found;
}

/** The hazards of a node's config on its own (for flows built in the process, not parsed). */
export function configHazards(config: unknown, nodeId: string): FlowProblem[] {
  return hazardsIn({ config }, `Node "${nodeId}": `, nodeId);
}

/**
 * The hazards of a whole flow document as parsed from JSON or received by the API, each pinned to
 * the node and the field. Depth counts from each field of the flow and of each node, so a node's
 * config may nest MAX_NESTING levels. An empty list means recursive code may look at it safely.
 */
export function documentHazards(doc: unknown): FlowProblem[] {
  if (!isObject(doc)) return [];
  if (Array.isArray(doc)) return hazardsIn({ document: doc }, '', undefined);
  const { nodes, ...rest } = doc;
  const problems = hazardsIn(Object.hasOwn(doc, 'nodes') && !Array.isArray(nodes) ? { ...rest, nodes } : rest, '', undefined);
  if (Array.isArray(nodes)) {
    nodes.forEach((node: unknown, i) => {
      // Anything else than an object is refused by the document's schema without looking inside.
      if (!isObject(node) || Array.isArray(node)) return;
      const id = node['id'];
      if (typeof id === 'string') problems.push(...hazardsIn(node, `Node "${id}": `, id));
      else problems.push(...hazardsIn(node, `nodes[${i}]: `, undefined, `nodes[${i}].`));
    });
  }
  return problems;
}

/** True when any object or list in `value` lies more than `limit` levels deep (iteratively). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (!isObject(v)) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (isObject(child)) stack.push([child, depth + 1]);
  }
  return false;
}
