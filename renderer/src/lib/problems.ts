/**
 * Problems from core name their place as a path ("fields[2].expr"); on screen they name it as the
 * user sees it: "Value of “customer.name” in “Fields”", or — next to the field itself — "This".
 */
import type { FlowDocument, FlowProblem } from '../../../core/api/flow-document';
import { fieldLabel, humanize, type JsonSchema } from './schema';

/** Drops the "Node "x" (Title): " prefix: the problem is already shown on or next to that node. */
export function shortProblem(message: string): string {
  return message.replace(/^Node "[^"]+"(?: \([^)]*\))?:? /, '');
}

const PATH_AT_START = /^[A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*)*(?= )/;

/**
 * Next to the field it concerns: "fields[2].expr is not valid" → "This is not valid". Given the
 * problem's path, only the path itself is replaced: a message that starts with a plain word
 * ("enter the ident …") keeps it, with a capital.
 */
export function fieldProblem(message: string, path?: string): string {
  const short = shortProblem(message);
  const lead = PATH_AT_START.exec(short)?.[0];
  if (lead && (path === undefined || path === lead || path.endsWith(`.${lead}`))) return short.replace(PATH_AT_START, 'This');
  return short.charAt(0).toUpperCase() + short.slice(1);
}

function describePath(rel: string, config: Record<string, unknown> | undefined, schema: JsonSchema | undefined): string | null {
  const m = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(rel);
  if (!m) return null;
  const [, key = '', idx, sub] = m;
  const prop = schema?.properties?.[key];
  const label = prop ? fieldLabel(key, prop) : humanize(key);
  if (idx === undefined) return sub ? `“${fieldLabel(sub, prop?.properties?.[sub] ?? {})}” in “${label}”` : `“${label}”`;
  const list = config?.[key];
  const item = Array.isArray(list) ? (list[Number(idx)] as Record<string, unknown> | undefined) : undefined;
  const name = item ? (item.target ?? item.name ?? item.path ?? item.from) : undefined;
  const row = typeof name === 'string' && name ? `“${name}”` : `row ${Number(idx) + 1}`;
  if (!sub) return `${row} in “${label}”`;
  const subLabel = fieldLabel(sub, prop?.items?.properties?.[sub] ?? {});
  return `${subLabel} of ${row} in “${label}”`;
}

/** On a node card or in a list: the problem with its place in words. */
export function plainProblem(p: FlowProblem, config?: Record<string, unknown>, schema?: JsonSchema): string {
  const msg = shortProblem(p.message);
  const rel = p.path?.startsWith('config.') ? p.path.slice('config.'.length) : null;
  if (rel && msg.startsWith(`${rel} `)) {
    const place = describePath(rel, config, schema);
    if (place) return `${place}${msg.slice(rel.length)}`;
  }
  return msg;
}

/**
 * A message from core in the words of the flow: "Node "read-order" (Map fields)" becomes the
 * step's title as the user named it, “Read the order” (issue 11: never a node id).
 */
export function withStepTitles(message: string, doc: Pick<FlowDocument, 'nodes'> | null, titleOf: (typeName: string) => string | undefined): string {
  return message.replace(/Node "([^"]+)"(?: \(([^)]*)\))?/g, (all, id: string, typeTitle: string | undefined) => {
    const n = doc?.nodes.find((x) => x.id === id);
    if (!n) return all;
    return `“${n.label || titleOf(n.type) || typeTitle || id}”`;
  });
}
