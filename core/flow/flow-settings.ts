/**
 * Flow settings inside node configs: a config value written as "{{settings.employeeNumber}}" takes
 * the flow setting's value (its own type: number, boolean, table), and "{{settings.x}}" inside a
 * longer text is written in. Settings change behaviour without editing nodes, which is how a
 * template's questions ("update existing customers?") reach the nodes that act on them.
 */
import type { FlowProblem } from '../api/flow-document';
import { getPath } from '../nodes/expressions';

const WHOLE = /^\{\{\s*settings\.([\w.]+)\s*\}\}$/;
const INLINE = /\{\{\s*settings\.([\w.]+)\s*\}\}/g;

export interface Resolved {
  value: unknown;
  /** Settings referred to but not set, with where. */
  missing: Array<{ setting: string; path: string }>;
  /** Config fields that are a setting as a whole ("{{settings.vatCodes}}"), with the setting. */
  bound: Array<{ setting: string; path: string }>;
}

export function resolveSettings(value: unknown, settings: Record<string, unknown>, path = 'config'): Resolved {
  const missing: Resolved['missing'] = [];
  const bound: Resolved['bound'] = [];
  const walk = (v: unknown, p: string): unknown => {
    if (typeof v === 'string') {
      const whole = WHOLE.exec(v);
      if (whole) {
        const found = getPath(settings, whole[1] as string);
        if (found === undefined) missing.push({ setting: whole[1] as string, path: p });
        else bound.push({ setting: whole[1] as string, path: p });
        return found;
      }
      if (!v.includes('{{')) return v;
      return v.replace(INLINE, (_, name: string) => {
        const found = getPath(settings, name);
        if (found === undefined) missing.push({ setting: name, path: p });
        return found === undefined ? '' : String(found);
      });
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${p}[${i}]`));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, `${p}.${k}`)]));
    return v;
  };
  return { value: walk(value, path), missing, bound };
}

export function missingSettingProblems(nodeId: string, missing: Resolved['missing']): FlowProblem[] {
  return missing.map((m) => ({ node: nodeId, path: m.path, message: `Node "${nodeId}": ${m.path} uses the flow setting "${m.setting}", which is not set. Add it under the flow's settings.` }));
}

/** A setting as messages name it: by its label and its key, “VAT codes” (vatCodes). */
export function settingInWords(settingsSchema: Record<string, unknown> | undefined, key: string): string {
  const props = (settingsSchema?.['properties'] ?? {}) as Record<string, { label?: string; title?: string } | undefined>;
  const label = props[key]?.label ?? props[key]?.title;
  return label ? `“${label}” (${key})` : `“${key}”`;
}
