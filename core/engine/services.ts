import type { RecordOrigin } from './record';

/**
 * What the engine needs from the outside world while it runs a flow. The store implements these
 * with SQLite (core/store); they are interfaces so the engine does not know about tables.
 */

export interface LedgerEntry {
  targetId: string | null;
  /** Hash of the payload last written; null when the record was adopted from the target. */
  hash: string | null;
  /** 'pending' means a write began and was never confirmed (a crash or a lost answer). */
  state: 'pending' | 'done';
  updatedAt: string;
}

/**
 * What `begin` found: the write is this run's now, or another run got there first: it wrote the
 * record (`entry`), or it is writing it right now (`busyWith`, that run's id).
 */
export type LedgerClaim = { began: true } | { began: false; entry: LedgerEntry; busyWith?: undefined } | { began: false; busyWith: string; entry?: undefined };

/** (scope, entity, source id) → target id. Scope names the target system, e.g. "teamleader:conn-1". */
export interface IdLedger {
  get(scope: string, entity: string, sourceId: string): LedgerEntry | undefined;
  /**
   * Marks a create as begun by this run, unless another run still going on (another flow, another
   * process) began it or has written it meanwhile: two runs never create one record twice.
   */
  begin(scope: string, entity: string, sourceId: string, runId: string): LedgerClaim;
  /** The run still going on, other than `runId`, that is writing this record right now, if any. */
  busyWith(scope: string, entity: string, sourceId: string, runId: string): string | undefined;
  commit(scope: string, entity: string, sourceId: string, targetId: string, hash: string | null, runId: string): void;
  forget(scope: string, entity: string, sourceId: string): boolean;
  /** Forgets every entry that points at this target record (it is gone from the target); how many. */
  forgetTarget(scope: string, entity: string, targetId: string): number;
  /** Notes the document a written record came from, for `originOf`. */
  noteOrigin(scope: string, entity: string, sourceId: string, origin: RecordOrigin): void;
  /** The document this target record was written from, if a target noted one. */
  originOf(scope: string, entity: string, targetId: string): RecordOrigin | undefined;
}

/** Sync cursors (e.g. MplusKASSA sync markers, Teamleader updated_since) per flow and node. */
export interface CursorStore {
  get(flowId: string, nodeId: string, name: string): string | undefined;
  set(flowId: string, nodeId: string, name: string, value: string): void;
}

export interface StoredConnection {
  id: string;
  kind: string;
  name: string;
  /** Non-secret settings (host, port, base URL, …). */
  config: Record<string, unknown>;
  /** Decrypted secret fields; never leaves core. */
  secrets: Record<string, string>;
}

export interface ConnectionStore {
  get(id: string): StoredConnection | undefined;
  /** Replaces the secret fields atomically (e.g. a rotated OAuth refresh token). */
  updateSecrets(id: string, secrets: Record<string, string>): void;
}

export type RecordStatus = 'ok' | 'skipped' | 'failed';

/** One finished record of a run, as kept in the run history. */
export interface RunRecordRow {
  seq: number;
  key: string;
  /** The record's human key (order reference, email, SKU), when its source declares one (`labelOf`). */
  label?: string;
  source: string;
  status: RecordStatus;
  /** The node where the record ended (the last one that handled it). */
  node: string;
  port?: string;
  action?: string;
  targetId?: string;
  message?: string;
  lineage: unknown;
  /** The data of the lineage's first step as the JSON text the source read, when it kept it. */
  sourceJson?: string;
}

export interface RunStart {
  runId: string;
  flowId: string;
  flowVersion: number | null;
  flowName: string;
  dryRun: boolean;
  /** manual, schedule, retry (or a detail of manual: cli, dry run, demo, bench). */
  trigger: string;
  /** A retry: the run whose failed records this one runs again. */
  retryOf?: string;
  startedAt: string;
  /** Replaces the run's known secrets in text (lineage, messages) before it is stored. */
  mask?: (text: string) => string;
  /** How much of each record's history to keep (the flow's historyLevel; default: changes). */
  historyLevel?: 'full' | 'changes' | 'failures';
  /**
   * What the run has counted so far (as RunSummaryForStore's counts): the recorder writes it with
   * each flush, so a reader in another process sees the run's counts within about a second.
   */
  countsSoFar?: () => unknown;
}

/**
 * Keeps the run history. `record` may buffer: a recorder writes finished records within about a
 * second, so a crash loses at most that much of a run's history. With them it writes the run's
 * counts so far (`RunStart.countsSoFar`), so every reader sees the same numbers while it goes on.
 */
export interface RunRecorder {
  start(run: RunStart): void;
  record(runId: string, row: RunRecordRow): void;
  finish(runId: string, summary: RunSummaryForStore): void;
}

export interface RunSummaryForStore {
  status: string;
  finishedAt: string;
  counts: unknown;
  error?: string;
}

export interface RunServices {
  ledger: IdLedger;
  cursors: CursorStore;
  connections: ConnectionStore;
  recorder: RunRecorder;
}
