/**
 * A template is a ready-made flow (a JSON file in resources/templates/, readable and editable like
 * any flow) plus the questions that set it up: its settings, declared with zod and UI hints. The
 * flow's node configs refer to the answers as "{{settings.name}}" and to the user's connections as
 * "{{connections.mplus}}" / "{{connections.teamleader}}".
 */
import type { z } from 'zod';

export type AppName = 'mplus' | 'teamleader';

export interface TemplateDef {
  id: string;
  version: number;
  name: string;
  description: string;
  /** The apps it connects, in the order the flow reads them. */
  apps: AppName[];
  settings: z.ZodObject;
  /** File name in resources/templates/. */
  file: string;
  /**
   * What each version after the first changed, in the user's words, by version: shown for a flow
   * made from an earlier one, which keeps its old steps until it is updated (template-update.ts).
   * Raise `version` with every change to the template's steps.
   */
  changes?: Record<number, string>;
}

export const defineTemplate = (def: TemplateDef): TemplateDef => def;

/** What each version after the first changed, oldest first. */
export function changesOf(t: TemplateDef): Array<{ version: number; text: string }> {
  return Object.entries(t.changes ?? {})
    .map(([version, text]) => ({ version: Number(version), text }))
    .filter((c) => c.version <= t.version)
    .sort((a, b) => a.version - b.version);
}
