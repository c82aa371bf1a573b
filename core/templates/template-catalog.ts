/** The templates this Sincro ships, and how a template becomes a user's flow. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { TemplateInfo } from '../api/contract';
import type { FlowDocument } from '../api/flow-document';
import { parseFlowDocument } from '../flow/flow-file';
import { settingInWords } from '../flow/flow-settings';
import { describeIssue, formatPath } from '../flow/validate-flow';
import { didYouMean } from '../util/closest-name';
import { appName } from '../util/app-names';
import { changesOf, type AppName, type TemplateDef } from './define-template';

export const TEMPLATES_DIR = new URL('../../resources/templates/', import.meta.url);

export class TemplateError extends Error {}

export interface CreateFromTemplate {
  template: string;
  flowId?: string;
  name?: string;
  connections: Partial<Record<AppName, string>> & Record<string, string>;
  settings: Record<string, unknown>;
}

/** A template's placeholder for the user's connection to an app: "{{connections.mplus}}". */
export const CONNECTION = /^\{\{\s*connections\.(\w+)\s*\}\}$/;

export class TemplateCatalog {
  private readonly byId: Map<string, TemplateDef>;

  constructor(
    readonly templates: TemplateDef[],
    private readonly dir: URL = TEMPLATES_DIR,
  ) {
    this.byId = new Map(templates.map((t) => [t.id, t]));
  }

  get(id: string): TemplateDef | undefined {
    return this.byId.get(id);
  }

  list(): TemplateInfo[] {
    return this.templates.map((t) => ({ id: t.id, name: t.name, description: t.description, apps: t.apps, settingsSchema: settingsJsonSchema(t), version: t.version, changes: changesOf(t) }));
  }

  /** The template's flow as shipped, connections not yet filled in. */
  load(id: string): FlowDocument {
    const t = this.need(id);
    const file = new URL(t.file, this.dir);
    return parseFlowDocument(JSON.parse(readFileSync(file, 'utf8')), `The template file ${t.file}`);
  }

  create(input: CreateFromTemplate): FlowDocument {
    const t = this.need(input.template);
    const settings = this.settings(t.id, input.settings);
    for (const app of t.apps) {
      if (!input.connections[app]) throw new TemplateError(`The template "${t.name}" needs a ${appName(app)} connection.`);
    }
    const doc = this.load(t.id);
    const nodes = doc.nodes.map((n) => ({ ...n, config: fillConnections(n.config, input.connections) as Record<string, unknown> }));
    return {
      ...doc,
      id: input.flowId ?? doc.id,
      name: input.name ?? doc.name,
      nodes,
      settings,
      settingsSchema: settingsJsonSchema(t),
      template: { id: t.id, version: t.version },
    };
  }

  /** The template's settings with their defaults; an unknown name (a typo) or a bad value is refused, naming the setting by label and key. */
  settings(templateId: string, given: Record<string, unknown>): Record<string, unknown> {
    const t = this.need(templateId);
    const shape = t.settings.shape as Record<string, z.ZodType>;
    const unknown = Object.keys(given).filter((name) => !Object.hasOwn(shape, name));
    if (unknown.length) {
      const known = Object.keys(shape);
      throw new TemplateError(
        unknown.map((name) => `The template "${t.name}" has no setting "${name}"${didYouMean(name, known)}.`).join(' ') + ` Its settings: ${known.join(', ')}.`,
      );
    }
    const parsed = t.settings.safeParse(given);
    if (!parsed.success) {
      const schema = settingsJsonSchema(t);
      throw new TemplateError(parsed.error.issues.map((i) => `Setting ${settingInWords(schema, String(i.path[0]))}${i.path.length > 1 ? `, ${formatPath(i.path.slice(1))},` : ''} ${describeIssue(i)}.`).join(' '));
    }
    return parsed.data as Record<string, unknown>;
  }

  private need(id: string): TemplateDef {
    const t = this.byId.get(id);
    if (!t) throw new TemplateError(`There is no template "${id}". Templates: ${this.templates.map((x) => x.id).join(', ')}.`);
    return t;
  }
}

function settingsJsonSchema(t: TemplateDef): Record<string, unknown> {
  return z.toJSONSchema(t.settings, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function fillConnections(value: unknown, connections: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const m = CONNECTION.exec(value);
    return m ? (connections[m[1] as string] ?? value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => fillConnections(v, connections));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillConnections(v, connections)]));
  return value;
}
