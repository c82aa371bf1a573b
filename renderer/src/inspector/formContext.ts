/** What a generated form needs besides its schema and value: problems to pin, and custom widgets. */
import type { ReactNode } from 'react';
import type { FlowProblem } from '../../../core/api/flow-document';
import type { JsonSchema } from '../lib/schema';

export interface WidgetProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  onChange(value: unknown): void;
  path: string;
  required: boolean;
  label: string;
  id: string;
  ctx: FormContext;
}

export interface FormContext {
  problems: readonly FlowProblem[];
  /** The flow's settings, for values written as "{{settings.x}}". */
  settings?: Record<string, unknown>;
  widgets?: Partial<Record<'mapping', (props: WidgetProps) => ReactNode>>;
}

/** Problems that concern exactly this field or something inside it. */
export function problemsAt(problems: readonly FlowProblem[], path: string): FlowProblem[] {
  return problems.filter((p) => p.path === path || (p.path?.startsWith(`${path}.`) ?? false) || (p.path?.startsWith(`${path}[`) ?? false));
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

export { fieldProblem, shortProblem } from '../lib/problems';
