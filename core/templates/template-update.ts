/**
 * A flow is a copy of its template, so a fix to a template reaches a flow made from it only when
 * the flow is made again from the new version. Updating keeps what the user chose: the flow's id
 * (its run history, cursors and id ledger), name, sticky notes, its answers to the settings
 * (a question the earlier version did not ask gets its default) and its connections. Its steps
 * become the template's: a change a user made to a step of the old version is not carried over;
 * the editor makes the update one change of the document (undo brings the old steps back) and
 * the old version stays in the flow's versions.
 */
import type { FlowDocument } from '../api/flow-document';
import { appName } from '../util/app-names';
import type { TemplateDef } from './define-template';
import { CONNECTION, TemplateError, type TemplateCatalog } from './template-catalog';

/** The flow made again from the newest version of its template, with the user's choices kept. */
export function updateFromTemplate(catalog: TemplateCatalog, flow: FlowDocument): { doc: FlowDocument; from: number; to: number } {
  if (!flow.template) throw new TemplateError(`The flow "${flow.name}" was not made from a template.`);
  const t = catalog.get(flow.template.id);
  if (!t) throw new TemplateError(`The flow "${flow.name}" was made from the template "${flow.template.id}", which this Sincro does not have.`);
  const shape = t.settings.shape as Record<string, unknown>;
  // An answer to a question the new version no longer asks is left behind, not refused.
  const settings = Object.fromEntries(Object.entries(flow.settings ?? {}).filter(([name]) => Object.hasOwn(shape, name)));
  const doc = catalog.create({ template: t.id, flowId: flow.id, name: flow.name, connections: connectionsOf(catalog.load(t.id), flow, t), settings });
  return { doc: { ...doc, ...(flow.notes?.length ? { notes: flow.notes } : {}) }, from: flow.template.version, to: t.version };
}

/**
 * The connection each of the template's "{{connections.app}}" placeholders was filled with in the
 * flow: at the same step and field, or else in any step of that app (`mplus.…`, `teamleader.…`).
 */
function connectionsOf(template: FlowDocument, flow: FlowDocument, t: TemplateDef): Record<string, string> {
  const found: Record<string, string> = {};
  const filled = (v: unknown) => (typeof v === 'string' && v && !CONNECTION.test(v) ? v : undefined);
  for (const node of template.nodes) {
    const own = flow.nodes.find((n) => n.id === node.id);
    for (const [field, value] of Object.entries(node.config)) {
      const app = typeof value === 'string' ? CONNECTION.exec(value)?.[1] : undefined;
      const used = app && !found[app] ? filled(own?.config[field]) : undefined;
      if (app && used) found[app] = used;
    }
  }
  for (const app of t.apps) {
    found[app] ??= flow.nodes.map((n) => (n.type.startsWith(`${app}.`) ? filled(n.config['connection']) : undefined)).find(Boolean) ?? '';
    if (!found[app]) throw new TemplateError(`The flow "${flow.name}" has no ${appName(app)} connection in its steps to keep; make it anew from the template instead.`);
  }
  return found;
}
