/**
 * How the editor sees a node type: words, ports, and the config as JSON Schema carrying UI hints.
 * Shared with the renderer (API contract); the node's code stays in core.
 */
import type { NodeKind } from './flow-document';

export interface PortSpec {
  name: string;
  label?: string;
  description?: string;
  /** Inputs are required unless marked optional. */
  optional?: boolean;
  /**
   * Inputs: several steps may be connected here, their records merged (the editor warns when a
   * second connection ends at an input that does not say so).
   */
  multiple?: boolean;
  /**
   * Outputs: a record leaving here when nothing is connected was filtered out (a filter's
   * "reject"): it ends as skipped, with that reason, not as done.
   */
  filtersOut?: boolean;
}

/** UI hints attached to a config field with `.meta(ui({...}))`. */
export type UiHints = {
  label?: string;
  placeholder?: string;
  help?: string;
  /** Show the field only when another field has one of these values, e.g. { format: ['csv'] }. */
  showWhen?: Record<string, unknown[]>;
  widget?: 'text' | 'textarea' | 'code' | 'jsonata' | 'path' | 'connection' | 'mapping' | 'value-table' | 'key-value' | 'json';
  /** For widget 'connection': which connection kinds fit. */
  connectionKinds?: string[];
  /** Rarely changed: the form keeps it under "More settings", closed. */
  advanced?: boolean;
};

/** What the editor needs to show a node type: no code, the config as JSON Schema with its hints. */
export interface NodeTypeDescriptor {
  type: string;
  version: number;
  kind: NodeKind;
  app: string;
  title: string;
  description: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  configSchema: unknown;
}
