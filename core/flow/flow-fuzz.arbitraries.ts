/**
 * Malformed flow documents for the fuzz test: a valid base flow with one change that makes it
 * invalid by construction, and what the answer must name (the node and the field, where there is
 * one). Documents are JSON text, because the deep ones cannot go through JSON.stringify.
 */
import fc from 'fast-check';
import jsonata from 'jsonata';
import { z } from 'zod';
import { isPlainPath } from '../nodes/expressions';
import type { NodeRegistry } from '../nodes/registry';
import { knownKeysAt } from './strict-config';

export interface FuzzCase {
  kind: string;
  text: string;
  /** The node the answer must name, when the fault is in a node. */
  node?: string;
  /** The start of the path of the problem that must be reported. */
  field: string;
}

type Doc = Record<string, unknown> & { nodes: Array<Record<string, unknown> & { id: string; type: string; config: Record<string, unknown> }>; edges: Array<{ from: { node: string; port: string }; to: { node: string; port: string } }> };

const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

/** Valid flows of the built-in nodes (`in.csv` must exist beside the flow file). */
export function baseFlows(): Doc[] {
  const pipeline: Doc = {
    schemaVersion: 1,
    id: 'fuzz-pipeline',
    name: 'Pipeline',
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { records: [{ id: 1, email: 'a@example.com', total: 3 }], keyField: 'id' } },
      { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'email', expr: 'email' }, { target: 'double', expr: 'total * 2' }] } },
      { id: 'keep', type: 'core.transform.filter', config: { condition: 'double > 1' } },
      { id: 'fill', type: 'core.transform.defaults', config: { values: [{ path: 'country', value: 'NL' }] } },
      { id: 'out', type: 'file.target.write', config: { path: 'out/x.ndjson', format: 'ndjson' } },
    ],
    edges: [edge('src', 'out', 'map'), edge('map', 'out', 'keep'), edge('keep', 'pass', 'fill'), edge('fill', 'out', 'out')],
  };
  const lookup: Doc = {
    schemaVersion: 1,
    id: 'fuzz-lookup',
    name: 'Lookup',
    settings: { format: 'ndjson' },
    settingsSchema: { type: 'object', properties: { format: { type: 'string', enum: ['ndjson', 'csv'], default: 'ndjson' } } },
    nodes: [
      { id: 'read', type: 'file.source.read', config: { path: 'in.csv', format: 'csv', keyField: 'id' } },
      { id: 'pay', type: 'core.transform.valueMap', config: { field: 'method', table: [{ from: 'ideal', to: 'IDEAL' }], whenMissing: 'keep' } },
      { id: 'who', type: 'core.lookup.table', config: { key: 'email', keyColumn: 'email', table: { from: 'rows', rows: [{ email: 'a@example.com' }] } } },
      { id: 'done', type: 'core.transform.skip', config: { reason: 'already there' } },
      { id: 'send', type: 'http.target.request', config: { url: 'http://127.0.0.1:9/x', body: '{"email": email}' } },
      { id: 'log', type: 'file.target.write', config: { path: 'out/y.ndjson', format: '{{settings.format}}' } },
    ],
    edges: [edge('read', 'out', 'pay'), edge('pay', 'out', 'who'), edge('who', 'found', 'done'), edge('who', 'missing', 'send'), edge('send', 'out', 'log')],
  };
  return [pipeline, lookup];
}

/** Connections that close a loop (or connect a node to itself), per base flow. */
const LOOPS: Record<string, Array<Doc['edges'][number]>> = {
  'fuzz-pipeline': [edge('fill', 'out', 'map'), edge('keep', 'reject', 'map'), edge('map', 'out', 'map'), edge('fill', 'out', 'keep')],
  'fuzz-lookup': [edge('who', 'missing', 'pay'), edge('pay', 'out', 'pay'), edge('send', 'out', 'who')],
};

/** Config fields per node id, each with values of the wrong type for it. */
const typedFields: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  src: { records: fc.oneof(fc.string(), fc.integer(), fc.constant({})), keyField: fc.oneof(fc.integer(), fc.constant(['id']), fc.constant('not a path!')) },
  map: { fields: fc.oneof(fc.string(), fc.constant([]), fc.constant([{ target: 'x' }]), fc.constant({})) },
  keep: { condition: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant(['a'])) },
  fill: { values: fc.oneof(fc.constant([]), fc.string(), fc.constant([{ path: 1, value: 2 }])) },
  out: { format: fc.oneof(fc.constant('xml'), fc.integer()), path: fc.oneof(fc.constant(''), fc.integer()) },
  read: { format: fc.constantFrom('xlsx', 'CSV', ''), delimiter: fc.constantFrom('', ';;', 5) },
  pay: { table: fc.oneof(fc.constant('ideal=IDEAL'), fc.constant([{ from: 1 }])), whenMissing: fc.constantFrom('DEFAULT', 'skip', 3) },
  who: { table: fc.oneof(fc.constant({ from: 'web' }), fc.constant({ from: 'file' }), fc.constant([])), keyColumn: fc.constantFrom(1, null) },
  done: { reason: fc.oneof(fc.constant(''), fc.integer(), fc.string({ minLength: 301, maxLength: 400 })) },
  send: { concurrency: fc.oneof(fc.constant(0), fc.constant(65), fc.constant(1.5), fc.constant('4')), method: fc.constantFrom('FETCH', 'post') },
};

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,24}$/);
const hugeString = fc.integer({ min: 100_000, max: 2_000_000 }).chain((n) => fc.constantFrom('x', 'é', '"', '\\').map((c) => c.repeat(n)));
const deepJson = fc.tuple(fc.integer({ min: 65, max: 30_000 }), fc.boolean()).map(([n, arrays]) => (arrays ? `${'['.repeat(n)}1${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));

/** Expressions JSONata cannot read: broken fragments, and nesting that overflows its parser. */
const badExpression = fc.oneof(
  fc.array(fc.constantFrom('a', '+', '(', ')', '[', ']', '{', '}', '"', '$', ':', ',', '?', '.', '&', ' ', '1', '=', '>'), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')),
  fc.integer({ min: 20_000, max: 60_000 }).map((n) => `${'('.repeat(n)}a${')'.repeat(n)}`),
  fc.integer({ min: 20_000, max: 40_000 }).map((n) => Array.from({ length: n }, () => 'a').join('+')),
).filter((e) => {
  if (isPlainPath(e)) return false;
  try {
    jsonata(e);
    return false;
  } catch {
    return true;
  }
});

const PLACEHOLDER = '"@@SPLICE@@"';
const json = (doc: Doc, splice?: string) => (splice === undefined ? JSON.stringify(doc) : JSON.stringify(doc).replace(PLACEHOLDER, () => splice));

/** One fault, applied to a copy of a base flow. */
function faults(base: Doc, registry: NodeRegistry): fc.Arbitrary<FuzzCase> {
  const copy = (): Doc => structuredClone(base);
  const nodeAt = fc.integer({ min: 0, max: base.nodes.length - 1 });
  const ids = base.nodes.map((n) => n.id);
  const typed = fc.constantFrom(...ids.filter((id) => typedFields[id])).chain((id) => fc.constantFrom(...Object.keys(typedFields[id] ?? {})).chain((field) => (typedFields[id]?.[field] as fc.Arbitrary<unknown>).map((value) => ({ id, field, value }))));
  const knownConfigKeys = new Set(base.nodes.flatMap((n) => knownKeysAt(registry.get(n.type)?.config ?? z.object({}), [])));
  const unknownKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'reasn', 'formt', 'recrods', 'feilds', 'keyfield'), identifier).filter((k) => !knownConfigKeys.has(k));
  const docKeys = new Set(['schemaVersion', 'id', 'name', 'description', 'nodes', 'edges', 'settings', 'settingsSchema', 'template', 'schedule', 'typeVersion', 'label', 'enabled', 'position', 'config', 'type', 'from', 'to', 'pinned', 'notes']);

  return fc.oneof(
    typed.map(({ id, field, value }) => {
      const d = copy();
      const n = d.nodes.find((x) => x.id === id) as Doc['nodes'][number];
      n.config[field] = value;
      return { kind: 'wrong type in a config', text: json(d), node: id, field: `config.${field}` };
    }),
    fc.tuple(fc.constantFrom('id', 'name', 'nodes', 'edges', 'schemaVersion', 'settings'), fc.oneof(fc.integer(), fc.constant(null), fc.constant([]), fc.constant(''))).map(([field, value]) => {
      const d = copy() as Record<string, unknown>;
      d[field] = field === 'nodes' || field === 'edges' ? (Array.isArray(value) ? 'x' : value) : field === 'settings' && Array.isArray(value) ? 7 : value;
      return { kind: 'wrong type in the document', text: JSON.stringify(d), field };
    }),
    fc.tuple(nodeAt, fc.constantFrom('position', 'typeVersion', 'label', 'config'), fc.constantFrom<unknown>('x', -1, [], true)).map(([i, field, value]) => {
      const d = copy();
      const n = d.nodes[i] as Doc['nodes'][number];
      (n as Record<string, unknown>)[field] = field === 'label' ? 5 : field === 'config' && value === 'x' ? [] : value;
      return { kind: 'wrong type in a node', text: json(d), node: n.id, field: `nodes[${i}].${field}` };
    }),
    fc.tuple(nodeAt, fc.oneof(identifier.map((s) => `acme.${s}`), fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.startsWith('core.') && !s.startsWith('file.') && !s.startsWith('http.')))).map(([i, type]) => {
      const d = copy();
      (d.nodes[i] as Doc['nodes'][number]).type = type;
      return { kind: 'unknown node type', text: json(d), node: d.nodes[i]?.id, field: 'type' };
    }),
    fc.tuple(nodeAt, unknownKey, fc.oneof(fc.constant<unknown>(1), fc.constant({ polluted: true }), fc.string())).map(([i, key, value]) => {
      const d = copy();
      const n = d.nodes[i] as Doc['nodes'][number];
      const text = json(d).replace(`"id":"${n.id}","type":"${n.type}","config":{`, () => `"id":"${n.id}","type":"${n.type}","config":{${JSON.stringify(key)}:${JSON.stringify(value)},`);
      return { kind: 'unknown config key', text, node: n.id, field: `config.${key}` };
    }),
    fc.tuple(nodeAt, unknownKey.filter((k) => !docKeys.has(k)), fc.boolean()).map(([i, key, onNode]) => {
      const d = copy();
      const n = d.nodes[i] as Doc['nodes'][number];
      if (!onNode) return { kind: 'unknown document key', text: json(d).replace('{"schemaVersion":1', () => `{${JSON.stringify(key)}:1,"schemaVersion":1`), field: key };
      return { kind: 'unknown node key', text: json(d).replace(`{"id":"${n.id}"`, () => `{${JSON.stringify(key)}:1,"id":"${n.id}"`), node: n.id, field: key === '__proto__' || key === 'constructor' || key === 'prototype' ? key : `nodes[${i}].${key}` };
    }),
    fc.tuple(fc.integer({ min: 0, max: base.edges.length - 1 }), fc.constantFrom('from', 'to'), fc.boolean(), identifier).map(([i, end, wrongNode, name]) => {
      const d = copy();
      const e = d.edges[i] as Doc['edges'][number];
      const ref = e[end as 'from' | 'to'];
      if (wrongNode) {
        ref.node = `ghost_${name}`;
        return { kind: 'edge to a missing node', text: json(d), field: `edges[${i}].${end}.node` };
      }
      ref.port = `bad_${name}`;
      return { kind: 'bad port', text: json(d), node: ref.node, field: `edges[${i}].${end}.port` };
    }),
    fc.constantFrom(...(LOOPS[base.id as string] ?? [])).map((back) => {
      const d = copy();
      d.edges.push(back);
      return { kind: 'loop', text: json(d), field: 'edges' };
    }),
    fc.tuple(nodeAt, fc.boolean(), deepJson).map(([i, inSettings, deep]) => {
      const d = copy();
      if (inSettings) return { kind: 'deep nesting in settings', text: json({ ...d, settings: { deep: '@@SPLICE@@' } }, deep), field: 'settings.deep' };
      const n = d.nodes[i] as Doc['nodes'][number];
      const field = Object.keys(n.config)[0] as string;
      n.config[field] = '@@SPLICE@@';
      return { kind: 'deep nesting in a config', text: json(d, deep), node: n.id, field: `config.${field}` };
    }),
    fc.tuple(fc.constantFrom('label', 'name', 'description', 'reason', 'format'), hugeString, nodeAt).map(([where, huge, i]) => {
      const d = copy();
      const n = d.nodes[i] as Doc['nodes'][number];
      if (where === 'name' || where === 'description') return { kind: 'huge string', text: json({ ...d, [where]: huge }), field: where };
      if (where === 'label') return { kind: 'huge string', text: json({ ...d, nodes: d.nodes.map((x, j) => (j === i ? { ...x, label: huge } : x)) }), node: n.id, field: `nodes[${i}].label` };
      const target = d.nodes.find((x) => (where === 'reason' ? x.type === 'core.transform.skip' : x.type === 'file.target.write')) ?? (d.nodes.at(-1) as Doc['nodes'][number]);
      if (where === 'reason' && target.type !== 'core.transform.skip') return { kind: 'huge string', text: json({ ...d, name: huge }), field: 'name' };
      target.config[where] = huge;
      return { kind: 'huge string', text: json(d), node: target.id, field: `config.${where}` };
    }),
    fc.tuple(badExpression, fc.constantFrom(...base.nodes.filter((n) => ['map', 'keep', 'who', 'send'].includes(n.id)).map((n) => n.id))).map(([expr, id]) => {
      const d = copy();
      const n = d.nodes.find((x) => x.id === id) as Doc['nodes'][number];
      const field = id === 'map' ? 'fields[1].expr' : id === 'keep' ? 'condition' : id === 'who' ? 'key' : 'body';
      if (id === 'map') (n.config['fields'] as Array<{ expr: string }>)[1] = { target: 'double', expr } as never;
      else n.config[field] = expr;
      return { kind: 'bad expression', text: json(d), node: id, field: `config.${field}` };
    }),
    fc.tuple(nodeAt, fc.constantFrom('missing', 'wrong value', 'bad schema', 'wrong type'), identifier).map(([i, how, name]) => {
      const d = copy();
      const n = d.nodes[i] as Doc['nodes'][number];
      const field = Object.keys(n.config).find((k) => typeof n.config[k] === 'string') ?? (Object.keys(n.config)[0] as string);
      if (how === 'missing') {
        n.config[field] = `{{settings.unset_${name}}}`;
        return { kind: 'setting not set', text: json(d), node: n.id, field: `config.${field}` };
      }
      const schema = { type: 'object', properties: { level: { type: 'integer', minimum: 1, default: 1 } } };
      if (how === 'wrong value') return { kind: 'setting against its schema', text: json({ ...d, settings: { level: name }, settingsSchema: schema }), field: 'settings.level' };
      if (how === 'bad schema') return { kind: 'bad settings schema', text: json({ ...d, settingsSchema: { type: 'object', properties: { level: { type: `no_${name}` } } } }), field: 'settingsSchema' };
      const out = d.nodes.find((x) => x.type === 'file.target.write') as Doc['nodes'][number];
      out.config['format'] = '{{settings.fmt}}';
      return { kind: 'setting of the wrong type', text: json({ ...d, settings: { fmt: 5 } }), node: out.id, field: 'config.format' };
    }),
  );
}

export const malformedFlow = (registry: NodeRegistry): fc.Arbitrary<FuzzCase> => fc.oneof(...baseFlows().map((b) => faults(b, registry)));
