/**
 * A node type is data: a namespaced id, a kind, words for the user, a zod config schema whose
 * `.meta()` carries UI hints, named ports, and a streaming `run`. The same declaration drives
 * validation, the inspector form (through JSON Schema) and execution.
 */
import { z } from 'zod';
import type { FlowProblem, NodeKind } from '../api/flow-document';
import type { NodeTypeDescriptor, PortSpec, UiHints } from '../api/node-type';

export type { NodeTypeDescriptor, PortSpec, UiHints } from '../api/node-type';
import type { Outcome, Rec, RecordOrigin } from '../engine/record';
import type { IdLedger, StoredConnection } from '../engine/services';



export const ui = (hints: UiHints): UiHints => hints;

export interface NodeRunContext<C> {
  readonly nodeId: string;
  readonly config: C;
  readonly runId: string;
  readonly flow: { id: string; name: string; settings: Record<string, unknown> };
  readonly dryRun: boolean;
  readonly signal: AbortSignal;
  readonly batchSize: number;
  /** Relative file paths in the config resolve against this folder (the flow file's folder). */
  readonly baseDir: string;
  /** Read-only in a dry run. */
  readonly ledger: IdLedger;
  /**
   * Sync cursors of this node. A value set here is kept when the run succeeds — and also when it
   * ends partial, for a source that `rereadsFailed`: its failed records are then read again by key.
   */
  readonly cursor: { get(name: string): string | undefined; set(name: string, value: string): void };
  /**
   * For a source that `rereadsFailed`: the keys of its records that failed in the last run; in a
   * retry, the keys of its records that failed in the run being retried.
   */
  failedLastTime(): string[];
  /**
   * A retry of a run's failed records: a source that `rereadsFailed` reads the failedLastTime()
   * keys and nothing else (no changes, no cursor); the engine keeps only those keys of any other.
   */
  readonly retrying: boolean;
  connection(id: string): StoredConnection;
  /** Saves new secret values of a connection (e.g. a rotated refresh token), even in a dry run. */
  saveConnectionSecrets(id: string, secrets: Record<string, string>): void;
  /** One instance per run and key, shared by the nodes of the run (e.g. an API client per connection). */
  memo<T>(key: string, make: () => T): T;
  /**
   * Sources make their records here. `text`: the JSON text `data` was parsed from, when the source
   * read one (the history then stores that text instead of serialising the data again).
   */
  newRecord(key: string, data: unknown, text?: string): Rec;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** When a config field is a flow setting as a whole: the setting in words, “VAT codes” (vatCodes), for messages. */
  settingOf(field: string): string | undefined;
}

export interface CheckEnv {
  baseDir: string;
  connection(id: string): StoredConnection | undefined;
}

export interface NodeType<C = unknown> {
  /** Namespaced, e.g. "core.transform.map" or "teamleader.target.contact". */
  type: string;
  version: number;
  kind: NodeKind;
  /** Which app it talks to: "core", "file", "http", "mplus", "teamleader". */
  app: string;
  title: string;
  description: string;
  config: z.ZodType<C>;
  inputs: PortSpec[];
  outputs: PortSpec[];
  /** One line for the node card, e.g. "by email · create or update". */
  summary?(config: C): string;
  /**
   * A source that can read records again by key (its failed ones, via ctx.failedLastTime()). Its
   * cursor then moves on after a partial run too, so a record that keeps failing does not make
   * every later run read everything since.
   */
  rereadsFailed?: boolean;
  /**
   * A source whose records are about the records of other sources (a credit note about an
   * invoice): node types of sources in the same flow that it starts after, once all their records
   * have ended, so what they wrote in the run is there to be found (core/engine/source-order.ts).
   * By the node's config: only some uses of a type may read after (the credit invoices of a flow
   * that reads its other invoices with a source of the same type).
   */
  readsAfter?(config: C): string[];
  /**
   * A source of documents says where each record's document was first made: itself, or (read from
   * the origin marker Sincro wrote) a document of another app. The engine then never sends the
   * record back to the app it came from (core/engine/echo-guard.ts).
   */
  originOf?(data: unknown, key: string): RecordOrigin | undefined;
  /**
   * How the id ledger names the records this source reads when a target writes them (their scope
   * and entity, by the config's connection). A record a target wrote from another app's document
   * keeps that document as its origin in the ledger, so it is known for a copy even when a person
   * edited its origin marker away in the app. `madeFrom` names the records of the same app a record
   * was made from (an invoice from an order, from a deal): a copy among them makes it one too.
   */
  writtenAs?(config: C): { scope: string; entity: string; madeFrom?(data: unknown): Array<{ entity: string; id: string }> };
  /**
   * The record's human key beside its source id: the order reference, the email, the SKU a person
   * would search the history by. Stored with the record (searchable); a config may choose the field.
   */
  labelOf?(data: unknown, key: string, config: C): string | undefined;
  /** Checks before a run that need the world (a file exists, a connection is stored). */
  check?(config: C, env: CheckEnv): FlowProblem[] | Promise<FlowProblem[]>;
  /** Streams outcomes: exactly one per input record (sources: one per record made). */
  run(ctx: NodeRunContext<C>, input: AsyncIterable<Rec[]>): AsyncIterable<Outcome[]>;
}

type Declared<S extends z.ZodType> = Omit<NodeType<z.output<S>>, 'config' | 'version' | 'inputs'> & {
  config: S;
  version?: number;
  inputs?: PortSpec[];
};

/**
 * The default input: transforms and lookups handle each record alone, so records from several steps
 * may be merged into them; a target's input takes one path (issue 11: two paths into one input only
 * where the step says so).
 */
export function defineNode<S extends z.ZodType>(def: Declared<S>): NodeType<z.output<S>> {
  const input = def.kind === 'target' ? { name: 'in' } : { name: 'in', multiple: true };
  return { version: 1, inputs: def.kind === 'source' ? [] : [input], ...def } as NodeType<z.output<S>>;
}


export function describeNodeType(def: NodeType): NodeTypeDescriptor {
  const { type, version, kind, app, title, description, inputs, outputs } = def;
  return { type, version, kind, app, title, description, inputs, outputs, configSchema: z.toJSONSchema(def.config, { io: 'input', unrepresentable: 'any' }) };
}
