/**
 * Everything that can be known to be wrong with a flow before it runs, each problem pinned to the
 * node and field it concerns and worded for the person who drew the flow.
 */
import { z } from 'zod';
import type { FlowDocument, FlowNode, FlowProblem } from '../api/flow-document';
import type { CheckEnv, NodeType } from '../nodes/define-node';
import type { NodeRegistry } from '../nodes/registry';
import { documentHazards } from './document-limits';
import { missingSettingProblems, resolveSettings, settingInWords } from './flow-settings';
import { strictSchema, unknownKeyMessages } from './strict-config';

export interface PreparedNode {
  node: FlowNode;
  def: NodeType;
  /** The config after the schema applied its defaults. */
  config: unknown;
  /** False for a step that is switched off: a source reads nothing, other steps do not run (switched-off.ts). */
  enabled: boolean;
  /** Config fields that are a flow setting as a whole (field path → setting key), for messages. */
  settings: Record<string, string>;
}

export interface PreparedFlow {
  doc: FlowDocument;
  nodes: Map<string, PreparedNode>;
  /** Node ids, every node after all of its upstream nodes. */
  order: string[];
}

export type Validation = { ok: true; flow: PreparedFlow; problems: [] } | { ok: false; problems: FlowProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Zod's wording, made plainer for the cases users meet most. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_value' && 'values' in issue) return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  // Issue 11: zod's own "Too small: expected array to have >=1 items" in words (a node's own message stays).
  if (issue.code === 'too_small' && issue.message.startsWith('Too small')) {
    if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
    if (issue.origin === 'array') return Number(issue.minimum) === 1 ? 'needs at least one entry' : `needs at least ${String(issue.minimum)} entries`;
  }
  // Zod's own wording only: a schema's message of its own ("enter the ident from …") stays.
  if (issue.code === 'invalid_type' && /^Invalid input: expected \w+, received/.test(issue.message)) return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && /^Too (small|big)/.test(issue.message) && (issue.origin === 'number' || issue.origin === 'int')) {
    const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    return issue.code === 'too_small' ? (issue.inclusive ? `must be at least ${bound}` : `must be more than ${bound}`) : issue.inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

const TYPE_WORDS: Record<string, string> = { boolean: 'true or false', number: 'a number', int: 'a whole number', string: 'text', array: 'a list', object: 'an object' };

const SECRET_KEY = /(secret|password|passwd|token|api[-_]?key|authorization)$/i;

/** Secrets belong in connections; a flow file is shared, exported and versioned. */
function findSecrets(value: unknown, path: PropertyKey[], found: string[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => findSecrets(v, [...path, i], found));
  else if (value && typeof value === 'object') {
    const pair = value as { name?: unknown; value?: unknown };
    // Header-like lists: [{ name: 'Authorization', value: 'Bearer …' }]
    if (typeof pair.name === 'string' && SECRET_KEY.test(pair.name) && typeof pair.value === 'string' && pair.value) found.push(formatPath([...path, 'value']));
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && typeof v === 'string' && v.length > 0 && !/^\{\{.*\}\}$/.test(v)) found.push(formatPath([...path, k]));
      else findSecrets(v, [...path, k], found);
    }
  }
}

/** Checks the settings against the flow's own settings schema; the defaults fill what is missing. */
function checkSettings(doc: FlowDocument, problems: FlowProblem[]): Record<string, unknown> {
  if (!doc.settingsSchema) return doc.settings;
  let schema: z.ZodType;
  try {
    schema = z.fromJSONSchema(doc.settingsSchema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (e) {
    problems.push({ path: 'settingsSchema', message: `The flow's settings schema cannot be read: ${e instanceof Error ? e.message : String(e)}` });
    return doc.settings;
  }
  const parsed = schema.safeParse(doc.settings);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const props = (doc.settingsSchema['properties'] ?? {}) as Record<string, { label?: string; title?: string; default?: unknown }>;
  const defaults = Object.fromEntries(Object.entries(props).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default]));
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? '');
    const sub = issue.path.length > 1 ? `, ${formatPath(issue.path.slice(1))},` : '';
    problems.push({ path: formatPath(['settings', ...issue.path]), message: `Setting ${settingInWords(doc.settingsSchema, name)}${sub} ${describeIssue(issue)}.` });
  }
  // Go on with the defaults for what is missing, so the nodes' own problems are still found.
  return { ...defaults, ...doc.settings };
}

export function validateFlow(input: FlowDocument, registry: NodeRegistry): Validation {
  // A flow made in the process (a template, a stored version) has not been through the file or
  // API checks: nothing recursive below may see a value nested too deeply or a prototype key.
  const hazards = documentHazards(input);
  if (hazards.length) return { ok: false, problems: hazards };
  const problems: FlowProblem[] = [];
  const doc = { ...input, settings: checkSettings(input, problems) };
  const nodes = new Map<string, PreparedNode>();
  const seen = new Set<string>();
  /** Whether any node is a source, its config valid or not (a bad config is its own problem). */
  let hasSource = false;

  doc.nodes.forEach((node, index) => {
    if (seen.has(node.id)) {
      problems.push({ node: node.id, path: `nodes[${index}].id`, message: `Two nodes have the id "${node.id}"; each node needs its own id.` });
      return;
    }
    seen.add(node.id);
    const def = registry.get(node.type);
    if (def?.kind === 'source') hasSource = true;
    if (!def) {
      problems.push({ node: node.id, path: 'type', message: `Node "${node.id}" has an unknown type "${node.type}". It may come from a newer Sincro or a connector that is not installed.` });
      return;
    }
    if (node.typeVersion > def.version) {
      problems.push({ node: node.id, path: 'typeVersion', message: `Node "${node.id}" was made with version ${node.typeVersion} of "${def.title}", but this Sincro knows version ${def.version}. Update Sincro to run this flow.` });
      return;
    }
    const resolved = resolveSettings(node.config, doc.settings);
    const enabled = resolveSettings(node.enabled ?? true, doc.settings, 'enabled');
    if (resolved.missing.length || enabled.missing.length) {
      problems.push(...missingSettingProblems(node.id, [...resolved.missing, ...enabled.missing]));
      return;
    }
    if (typeof enabled.value !== 'boolean') {
      problems.push({ node: node.id, path: 'enabled', message: `Node "${node.id}": "enabled" must be on or off (true or false), not ${JSON.stringify(enabled.value)}.` });
      return;
    }
    if (node.pinned?.length && def.kind !== 'source') {
      problems.push({ node: node.id, path: 'pinned', message: `Node "${node.id}" (${def.title}) holds pinned test records, but only sources can: unpin them.` });
      return;
    }
    const secrets: string[] = [];
    findSecrets(node.config, ['config'], secrets);
    for (const path of secrets) {
      problems.push({ node: node.id, path, message: `Node "${node.id}": ${path} looks like a secret. Store secrets in a connection and refer to it; flow files are shared and exported.` });
    }
    // Strict: a key the node does not know is refused (with the closest known one), not dropped.
    const parsed = strictSchema(def.config).safeParse(resolved.value);
    // Issue 11: any step can be switched off, and one that is does not run (node-runner.ts,
    // switched-off.ts), so its settings cannot stop the flow: switching a broken step off is how
    // the rest of a flow is tried without it.
    if (!parsed.success && !enabled.value) {
      nodes.set(node.id, { node, def, config: resolved.value, enabled: false, settings: {} });
      return;
    }
    if (!parsed.success) {
      // A field that is a flow setting is named as the user knows it: the setting, not the node.
      const settingAt = (path: string) => {
        const bound = resolved.bound.find((b) => path === b.path || path.startsWith(`${b.path}.`) || path.startsWith(`${b.path}[`));
        return bound && settingInWords(doc.settingsSchema, bound.setting);
      };
      problems.push(...configProblems(node, def, parsed.error.issues, settingAt));
      return;
    }
    const settings = Object.fromEntries(resolved.bound.map((b) => [b.path.replace(/^config\.?/, ''), b.setting]));
    nodes.set(node.id, { node, def, config: parsed.data, enabled: enabled.value, settings });
  });

  const incoming = new Map<string, Set<string>>();
  const downstream = new Map<string, Set<string>>();
  const edgeKeys = new Set<string>();
  doc.edges.forEach((edge, i) => {
    const from = nodes.get(edge.from.node);
    const to = nodes.get(edge.to.node);
    const where = `edges[${i}]`;
    if (!seen.has(edge.from.node)) problems.push({ path: `${where}.from.node`, message: `A connection starts at node "${edge.from.node}", which is not in the flow.` });
    if (!seen.has(edge.to.node)) problems.push({ path: `${where}.to.node`, message: `A connection ends at node "${edge.to.node}", which is not in the flow.` });
    if (from && !from.def.outputs.some((p) => p.name === edge.from.port)) {
      problems.push({ node: from.node.id, path: `${where}.from.port`, message: `Node "${from.node.id}" (${from.def.title}) has no output "${edge.from.port}"; its outputs are: ${from.def.outputs.map((p) => p.name).join(', ') || 'none'}.` });
    }
    if (to && !to.def.inputs.some((p) => p.name === edge.to.port)) {
      problems.push({ node: to.node.id, path: `${where}.to.port`, message: `Node "${to.node.id}" (${to.def.title}) has no input "${edge.to.port}"; its inputs are: ${to.def.inputs.map((p) => p.name).join(', ') || 'none'}.` });
    }
    if (edge.from.node === edge.to.node) problems.push({ node: edge.from.node, path: where, message: `Node "${edge.from.node}" is connected to itself.` });
    const key = `${edge.from.node}.${edge.from.port}>${edge.to.node}.${edge.to.port}`;
    if (edgeKeys.has(key)) problems.push({ node: edge.to.node, path: where, message: `The connection ${edge.from.node}.${edge.from.port} → ${edge.to.node}.${edge.to.port} is there twice.` });
    edgeKeys.add(key);
    if (!incoming.has(edge.to.node)) incoming.set(edge.to.node, new Set());
    incoming.get(edge.to.node)?.add(edge.to.port);
    if (!downstream.has(edge.from.node)) downstream.set(edge.from.node, new Set());
    downstream.get(edge.from.node)?.add(edge.to.node);
  });

  for (const { node, def } of nodes.values()) {
    for (const port of def.inputs) {
      if (!port.optional && !incoming.get(node.id)?.has(port.name)) {
        problems.push({ node: node.id, path: `inputs.${port.name}`, message: `Node "${node.id}" (${def.title}) needs something connected to its input "${port.label ?? port.name}".` });
      }
    }
  }
  if (doc.nodes.length === 0) problems.push({ message: 'The flow has no nodes yet.' });
  else if (!hasSource) problems.push({ message: 'The flow has no source node, so it would read nothing.' });

  const order = topologicalOrder([...seen], downstream);
  if (!order.ok) {
    problems.push({ node: order.cycle[0], path: 'edges', message: `The connections make a loop: ${[...order.cycle, order.cycle[0]].join(' → ')}. Records must flow one way.` });
  }

  if (problems.length || !order.ok) return { ok: false, problems };
  return { ok: true, flow: { doc, nodes, order: order.order }, problems: [] };
}

function configProblems(node: FlowNode, def: NodeType, issues: z.core.$ZodIssue[], settingAt: (path: string) => string | undefined): FlowProblem[] {
  const nodeId = node.id;
  const who = `Node "${nodeId}" (${def.title})`;
  return issues.flatMap((issue): FlowProblem[] => {
    const path = formatPath(['config', ...issue.path]);
    if (issue.code === 'unrecognized_keys') {
      return unknownKeyMessages(def.config, issue).map(({ key, message }) => {
        const path = formatPath(['config', ...issue.path, key]);
        return { node: nodeId, path, message: `${who}: ${issue.path.length ? `${formatPath(issue.path)}: ` : ''}${message}.` };
      });
    }
    const setting = settingAt(path);
    if (setting) return [{ node: nodeId, path, message: `Setting ${setting} ${describeIssue(issue)} (it is used by the step “${node.label ?? nodeId}”).` }];
    return [{ node: nodeId, path, message: `${who}: ${formatPath(issue.path) || 'the settings'} ${describeIssue(issue)}.` }];
  });
}

type Order = { ok: true; order: string[] } | { ok: false; cycle: string[] };

function topologicalOrder(ids: string[], downstream: Map<string, Set<string>>): Order {
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const stack: string[] = [];
  let cycle: string[] | undefined;
  const visit = (id: string): void => {
    if (cycle) return;
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') {
      cycle = stack.slice(stack.indexOf(id));
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of downstream.get(id) ?? []) visit(next);
    stack.pop();
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of ids) visit(id);
  return cycle ? { ok: false, cycle } : { ok: true, order: order.reverse() };
}

/** Structural validation plus each node's own checks of the world (files, connections). */
export async function checkFlow(doc: FlowDocument, registry: NodeRegistry, env: CheckEnv): Promise<Validation> {
  const v = validateFlow(doc, registry);
  if (!v.ok) return v;
  const problems: FlowProblem[] = [];
  for (const p of v.flow.nodes.values()) {
    if (!p.enabled) continue; // a step switched off does not run: its files and connections do not matter
    for (const problem of (await p.def.check?.(p.config, env)) ?? []) {
      problems.push({ node: p.node.id, path: problem.path, message: `Node "${p.node.id}" (${p.def.title}): ${problem.message}` });
    }
  }
  return problems.length ? { ok: false, problems } : v;
}
