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
}

export const defineTemplate = (def: TemplateDef): TemplateDef => def;
