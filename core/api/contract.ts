/**
 * The API between the screen and core, declared once: each method's name, its input as a zod
 * schema (validated by the host on every call, whether it came over Electron IPC or HTTP), and its
 * result type. The Electron preload and the web client both build `SincroApi` from this list, so a
 * method cannot exist on one host and not the other.
 */
import { z } from 'zod';
import { flowDocumentSchema, scheduleSchema, type FlowDocument, type FlowProblem } from './flow-document';
import type { NodeTypeDescriptor } from './node-type';
import type { NodeCounts, RecordResultEvent, RunEvent, RunStatus, RunSummary } from './run-model';
import type { ScheduleLogEntry, SchedulerHolderInfo } from './schedules';

const id = z.string().min(1).max(200);
const runStatus = z.enum(['running', 'succeeded', 'partial', 'failed', 'cancelled']);
/** Who started a run: by hand (the app, the CLI, a dry run), a schedule, or a retry of failed records. */
const startedBy = z.enum(['manual', 'schedule', 'retry']);
const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'is not a date and time');
const pageCursor = z.string().min(1).max(120);
export const noticeOutcomes = ['failed', 'partial', 'recovered', 'succeeded'] as const;
export type NoticeOutcome = (typeof noticeOutcomes)[number];

export interface AppInfo {
  version: string;
  /** The desktop app, `sincro serve` (the browser screen), or the `sincro` command itself. */
  host: 'electron' | 'web' | 'cli';
  dataDir: string;
  /** The IANA time zone of the computer that runs the schedules: a schedule without one of its own runs in it. */
  timeZone: string;
}

export interface ConnectionKindInfo {
  kind: string;
  app: string;
  title: string;
  configSchema: unknown;
  /** The secrets a person types (never the tokens a sign-in fills in). */
  secretFields: string[];
  /** Each typed secret's words: label, example, help. */
  secrets: Array<{ name: string; label: string; placeholder?: string; help?: string }>;
  /** Sandbox kinds make their own settings: one click, no account. */
  sandbox: boolean;
  /**
   * Kinds connected by signing in to the app in a browser (Teamleader): the redirect address to
   * register is http://127.0.0.1:<the setting `portSetting`><redirectPath>.
   */
  signIn?: { portSetting: string; redirectPath: string; tokenFields: string[] };
}

/** A connection's last test (or sign-in), kept with it. */
export interface ConnectionTestInfo {
  ok: boolean;
  message: string;
  at: string;
}

export interface ConnectionInfo {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  /** Which secret fields are set; their values never leave core. */
  secretFields: string[];
  createdAt: string;
  updatedAt: string;
  /** Its last test or sign-in, until the next; null when never tested. */
  lastTest: ConnectionTestInfo | null;
  /** Kinds connected by signing in: the redirect address to register with the app. */
  redirectUri?: string;
}

export interface FlowListItem {
  id: string;
  name: string;
  version: number;
  updatedAt: string;
  schedule?: { enabled: boolean; cron: string; nextRunAt: string | null };
  lastRun?: { id: string; status: string; startedAt: string };
  /** Its stored document cannot be read (a damaged value): what and what to do. */
  damaged?: string;
}

export interface FlowCheck {
  problems: FlowProblem[];
  /** One line per node for its card ("by email · create or update"). */
  summaries: Record<string, string>;
}

export interface RunListItem {
  id: string;
  flowId: string;
  flowName: string;
  flowVersion: number | null;
  status: RunStatus;
  dryRun: boolean;
  /** The detail of who started it: manual, cli, dry run, schedule, retry, … */
  trigger: string;
  startedBy: 'manual' | 'schedule' | 'retry';
  /** A retry: the run whose failed records it ran again. */
  retryOf: string | null;
  startedAt: string;
  finishedAt: string | null;
  counts: { read: number; ok: number; skipped: number; failed: number } | null;
  error: string | null;
  /** Pass as `before` to get the page after this run. */
  cursor: string;
  /** What of the stored run cannot be read (a damaged value, e.g. its counts); the run is listed all the same. */
  damaged?: string;
}

export interface RunRecord {
  seq: number;
  key: string;
  /** Its human key (order reference, email, SKU), when its source gives one. */
  label: string | null;
  status: 'ok' | 'skipped' | 'failed';
  node: string;
  port: string | null;
  action: string | null;
  targetId: string | null;
  message: string | null;
  lineage: Array<{ node: string; port?: string; data?: unknown; action?: string; targetId?: string; answer?: unknown; note?: string; error?: string }>;
}

export interface PreviewResult {
  key: string;
  status: 'ok' | 'skipped' | 'failed';
  port?: string;
  output?: unknown;
  message?: string;
  field?: string;
}

/** Where a flow's sources stand (issue 11): why a run read nothing, and what there is to test on. */
export interface FlowReadState {
  sources: Array<{
    node: string;
    /** When a run last moved this source's cursor on: it reads only what changed since. Null: it reads everything. */
    movedOnAt: string | null;
    /** Records that failed last time and are read again by key. */
    failedKeys: number;
    /** Test records pinned on it (dry runs use them). */
    pinned: number;
  }>;
  /** The latest run that read records: what "Test on the last run's records" replays. */
  lastRecords: { runId: string; startedAt: string; read: number; dryRun: boolean } | null;
}

/** What one step received and made of each record in a run (the inspector's input and output). */
export interface StepData {
  runId: string;
  dryRun: boolean;
  startedAt: string;
  records: Array<{ seq: number; key: string; status: 'ok' | 'skipped' | 'failed'; input?: unknown; output?: unknown; port?: string; action?: string; message?: string }>;
}

/**
 * A run as it stands now (issue 11 §5): what a screen loads when it starts following a run that
 * may be going on (a reload, a second window), before the live events take over.
 */
export interface RunSnapshot {
  runId: string;
  flowId: string;
  flowName: string;
  dryRun: boolean;
  status: RunStatus;
  startedAt: string;
  /** Who or what started it ("manual", "schedule", "dry run on pinned test records", …). */
  trigger: string | null;
  /** Counts per step so far. */
  nodes: Record<string, NodeCounts>;
  /** Records read by the sources so far. */
  read: number;
  /** Records finished so far, by outcome. */
  done: { ok: number; skipped: number; failed: number };
  /** How many record events this snapshot holds: a live record event with `n` up to it is in it already. */
  finished: number;
  /** The latest records to finish, newest last. */
  recent: RecordResultEvent[];
  logs: Array<{ node: string; level: 'info' | 'warn' | 'error'; message: string }>;
  /** Its end, once it has ended. */
  summary: RunSummary | null;
  /**
   * False when the run goes on in another process (the CLI, the desktop app beside `sincro
   * serve`): then the counts are what it has written to the history so far (about a second behind).
   */
  live: boolean;
}

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  apps: string[];
  /** The settings questions (JSON Schema with UI hints). */
  settingsSchema: unknown;
  /** Flows record the version they were made from; a later one can update them (`templates.update`). */
  version: number;
  /** What each version after the first changed, oldest first. */
  changes: Array<{ version: number; text: string }>;
}

export type FoundRecord = RunRecord & { runId: string; startedAt: string; flowName: string; dryRun: boolean; cursor: string };

/** Where a run's exported records went: a file the user chose (desktop), or an address to download (browser). */
export type RunExportResult = { kind: 'saved'; path: string; records: number } | { kind: 'cancelled' } | { kind: 'download'; url: string; fileName: string };

export interface NoticeItem {
  id: number;
  flowId: string | null;
  flowName: string | null;
  outcome: NoticeOutcome;
  level: 'info' | 'warn' | 'error';
  title: string;
  message: string;
  /** The latest run it is about. */
  runId: string | null;
  /** How many runs it counts (repeated failures of one flow are one notice). */
  count: number;
  createdAt: string;
  updatedAt: string;
  readAt: string | null;
}

export interface AppSettings {
  retentionDays: number;
  /** Which ends of a run raise a notice (the inbox and a desktop notification). */
  notifyOn: NoticeOutcome[];
}

/** A flow's schedule as the scheduler sees it, with the log of its planned ticks (newest first). */
export interface ScheduleLogView {
  entries: ScheduleLogEntry[];
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastRunId: string | null;
  /** Who runs this data folder's schedules (null: nobody does right now). */
  holder: SchedulerHolderInfo | null;
  paused: boolean;
}

/** Start Sincro when the user logs in (desktop only: elsewhere not available). */
export interface LoginItemState {
  available: boolean;
  openAtLogin: boolean;
}

export interface DashboardStats {
  days: Array<{ day: string; runs: number; read: number; ok: number; skipped: number; failed: number }>;
  flows: Array<{ flowId: string; flowName: string; runs: number; failedRuns: number; lastStatus: string | null; lastRunAt: string | null }>;
}

/** What the id ledger remembers of one source record: the target record it became, and whether that write was confirmed. */
export interface LedgerItem {
  scope: string;
  entity: string;
  sourceId: string;
  targetId: string | null;
  hash: string | null;
  /** pending: a write began and was never confirmed (the next run looks in the target first). */
  state: 'pending' | 'done';
  updatedAt: string;
}

export const ledgerStates = ['pending', 'done'] as const;

/** Every method: its input schema and its result type (the second, phantom, member). */
export const methods = {
  'app.info': { input: z.object({}), result: {} as AppInfo },
  'nodeTypes.list': { input: z.object({}), result: [] as NodeTypeDescriptor[] },
  'connectionKinds.list': { input: z.object({}), result: [] as ConnectionKindInfo[] },

  'flows.list': { input: z.object({}), result: [] as FlowListItem[] },
  'flows.get': { input: z.object({ id, version: z.number().int().positive().optional() }), result: null as { doc: FlowDocument; version: number } | null },
  /**
   * Saves the flow. The editor names its window (`session`): its saves without a note within 10
   * minutes of the last, with no run since, replace the version the session saved (one version
   * per edit session; core/store/flows.ts). A note for an unchanged flow names its current version.
   * `baseDir`: the folder its relative file paths are read from (`sincro flows import`: the file's
   * folder); without it the flow keeps the one it has.
   */
  'flows.save': { input: z.object({ doc: flowDocumentSchema, note: z.string().max(500).optional(), session: z.string().min(1).max(100).optional(), baseDir: z.string().min(1).max(4096).optional() }), result: {} as { version: number; changed: boolean; replaced?: true } & FlowCheck },
  'flows.check': { input: z.object({ doc: flowDocumentSchema }), result: {} as FlowCheck },
  'flows.delete': { input: z.object({ id }), result: {} as { deleted: boolean } },
  'flows.versions': { input: z.object({ id }), result: [] as Array<{ version: number; savedAt: string; note: string | null }> },
  /** Parses a flow file's text (import); problems name the field and line. */
  'flows.parse': { input: z.object({ text: z.string().max(20_000_000), fileName: z.string().max(500).default('the file') }), result: {} as { doc: FlowDocument | null; problems: FlowProblem[]; error: string | null } },
  'flows.setSchedule': { input: z.object({ id, schedule: scheduleSchema }), result: {} as { nextRunAt: string | null } },
  /** What became of a flow's (or every flow's) planned ticks: fired, skipped, missed, caught up. */
  'schedules.log': { input: z.object({ flowId: id.optional(), limit: z.number().int().min(1).max(500).default(20) }), result: {} as ScheduleLogView },
  /** Records that reached a node in the flow's last run (the datamapper's sample). */
  'flows.sampleRecords': { input: z.object({ id, node: z.string().min(1), limit: z.number().int().min(1).max(100).default(10) }), result: [] as unknown[] },
  /** Runs one transform node of the flow on sample records, writing nothing. */
  'flows.previewNode': { input: z.object({ doc: flowDocumentSchema, node: z.string().min(1), records: z.array(z.unknown()).max(100) }), result: [] as PreviewResult[] },

  /** Where the flow's sources stand: when each last moved on, and the last run that read records. */
  'flows.readState': { input: z.object({ id }), result: {} as FlowReadState },
  /** "Read everything again": forgets where each source stopped, so the next run reads every record. */
  'flows.resetCursors': { input: z.object({ id }), result: {} as { forgotten: number } },
  /** What one step received and made of each record in the flow's latest run (or the given run). */
  'flows.stepData': { input: z.object({ id, node: z.string().min(1), runId: id.optional(), limit: z.number().int().min(1).max(100).default(20) }), result: null as StepData | null },

  'templates.list': { input: z.object({}), result: [] as TemplateInfo[] },
  /**
   * The flow made again from the newest version of its template, keeping its id, name, notes,
   * settings and connections (core/templates/template-update.ts). Nothing is saved: the editor
   * applies it as one undoable change, `sincro flows update` saves it.
   */
  'templates.update': { input: z.object({ doc: flowDocumentSchema }), result: {} as { doc: FlowDocument; from: number; to: number } },
  'templates.create': {
    input: z.object({ template: id, flowId: id.optional(), name: z.string().max(200).optional(), connections: z.record(z.string(), z.string()).default({}), settings: z.record(z.string(), z.unknown()).default({}) }),
    result: {} as { doc: FlowDocument; version: number } & FlowCheck,
  },

  /**
   * Starts a run. A dry run uses the sources' pinned test records where they have some; with
   * `lastRunRecords` it replays the records the flow's latest run that read any read (at most
   * 20,000), through the flow as it is now, instead of reading the apps. `usePinned: false` reads
   * the apps even where records are pinned ("Read everything again").
   */
  'runs.start': { input: z.object({ flowId: id, dryRun: z.boolean().default(false), lastRunRecords: z.boolean().default(false), usePinned: z.boolean().default(true) }), result: {} as { runId: string } },
  'runs.cancel': { input: z.object({ runId: id }), result: {} as { cancelled: boolean } },
  /** Newest first, filtered; the next page: `before` the last run's cursor. */
  'runs.list': {
    input: z.object({
      flowId: id.optional(),
      status: runStatus.optional(),
      trigger: startedBy.optional(),
      since: isoTime.optional(),
      until: isoTime.optional(),
      before: pageCursor.optional(),
      limit: z.number().int().min(1).max(1000).default(50),
    }),
    result: [] as RunListItem[],
  },
  /** Runs the failed records of a finished run again, with the flow's current version. */
  'runs.retry': { input: z.object({ runId: id, dryRun: z.boolean().default(false) }), result: {} as { runId: string; records: number } },
  /** A run's records as CSV or NDJSON: saved where the user says (desktop) or downloaded (browser). */
  'runs.export': { input: z.object({ runId: id, format: z.enum(['csv', 'ndjson']) }), result: {} as RunExportResult },
  'runs.get': { input: z.object({ runId: id }), result: null as RunSummary | null },
  /** The run as it stands now, going on or ended: counts per step, the latest records, its status. */
  'runs.snapshot': { input: z.object({ runId: id, recent: z.number().int().min(0).max(500).default(50) }), result: null as RunSnapshot | null },
  /** A run's records by seq; the next page: `afterSeq` the last one's seq. */
  'runs.records': { input: z.object({ runId: id, status: z.enum(['ok', 'skipped', 'failed']).optional(), limit: z.number().int().min(1).max(1000).default(200), afterSeq: z.number().int().min(-1).default(-1) }), result: [] as RunRecord[] },
  /** Records whose source key or label (any capitals) is `key`, newest run first; the next page: `before` the last one's cursor. */
  'runs.find': { input: z.object({ key: z.string().min(1).max(1000), before: pageCursor.optional(), limit: z.number().int().min(1).max(1000).default(100) }), result: [] as FoundRecord[] },

  'notices.list': { input: z.object({ limit: z.number().int().min(1).max(200).default(50), unreadOnly: z.boolean().default(false) }), result: {} as { notices: NoticeItem[]; unread: number } },
  /** Marks these notices read, or all of them when no ids are given. */
  'notices.markRead': { input: z.object({ ids: z.array(z.number().int().positive()).max(500).optional() }), result: {} as { unread: number } },

  'connections.list': { input: z.object({}), result: [] as ConnectionInfo[] },
  /** `id`: one of the caller's choosing (flows refer to connections by id; `sincro connections add --id`). */
  'connections.add': {
    input: z.object({ id: id.optional(), kind: z.string().min(1), name: z.string().min(1).max(200), config: z.record(z.string(), z.unknown()).default({}), secrets: z.record(z.string(), z.string()).default({}) }),
    result: {} as ConnectionInfo,
  },
  'connections.update': {
    input: z.object({ id, name: z.string().min(1).max(200).optional(), config: z.record(z.string(), z.unknown()).optional(), secrets: z.record(z.string(), z.string()).optional() }),
    result: {} as ConnectionInfo,
  },
  'connections.remove': { input: z.object({ id }), result: {} as { removed: boolean } },
  /** A connection to a local sandbox of the app, with demo data: try everything without an account. */
  'connections.addSandbox': { input: z.object({ app: z.enum(['mplus', 'teamleader']), name: z.string().min(1).max(200).optional() }), result: {} as ConnectionInfo },
  /** Tests the connection; the answer is kept with it (`lastTest`). */
  'connections.test': { input: z.object({ id }), result: {} as ConnectionTestInfo },
  /**
   * Starts signing in to the app (Teamleader) for a connection, in either host: `url` is the app's
   * sign-in page, `redirectUri` where it sends the browser back (registered with the app). The
   * desktop app opens the page in the OS browser (`opened`); the browser screen opens it in a new
   * tab. A new attempt cancels the one before. The answer: connections.signInResult.
   */
  'connections.signIn': { input: z.object({ id }), result: {} as { url: string; redirectUri: string; opened: boolean } },
  /** Waits (up to `waitMs`) for the answer of the connection's sign-in; kept with it as its last test. */
  'connections.signInResult': { input: z.object({ id, waitMs: z.number().int().min(0).max(60_000).default(25_000) }), result: {} as { state: 'waiting' } | ({ state: 'done' } & ConnectionTestInfo) | { state: 'none' } },

  'settings.get': { input: z.object({}), result: {} as AppSettings },
  'settings.set': { input: z.object({ retentionDays: z.number().int().min(1).max(3650).optional(), notifyOn: z.array(z.enum(noticeOutcomes)).max(4).optional() }), result: {} as AppSettings },
  'loginItem.get': { input: z.object({}), result: {} as LoginItemState },
  'loginItem.set': { input: z.object({ openAtLogin: z.boolean() }), result: {} as LoginItemState },
  /** The id ledger's entries, most recently written first. */
  'ledger.list': {
    input: z.object({ scope: z.string().min(1).max(200).optional(), entity: z.string().min(1).max(200).optional(), state: z.enum(ledgerStates).optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    result: [] as LedgerItem[],
  },
  /** Forgets one source record, so the next run sends it again (after checking the target by hand). */
  'ledger.forget': { input: z.object({ scope: z.string().min(1).max(200), entity: z.string().min(1).max(200), sourceId: z.string().min(1).max(500) }), result: {} as { forgotten: boolean } },
  'dashboard.stats': { input: z.object({ days: z.number().int().min(1).max(365).default(30) }), result: {} as DashboardStats },
} as const;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodResult<M extends MethodName> = (typeof methods)[M]['result'];

/** What the renderer calls. */
export interface SincroApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  /** Live run events; returns a function that stops listening. */
  onEvent(listener: (event: RunEvent | AppEvent) => void): () => void;
}

/** Events that are not about one run's progress. */
export type AppEvent =
  | { type: 'notice'; level: 'info' | 'warn' | 'error'; title: string; message: string; flowId?: string; runId?: string; noticeId?: number }
  /**
   * An open notice counted one more run of its flow (a flow that keeps failing): not told again
   * (no OS notification), but the screen updates the toast it shows for the flow with the count.
   */
  | { type: 'notice.counted'; noticeId: number; level: 'info' | 'warn' | 'error'; title: string; message: string; count: number; flowId?: string; runId?: string }
  /** The inbox changed (a notice came, was counted again, or was read). */
  | { type: 'notices.changed'; unread: number }
  | { type: 'flows.changed' }
  | { type: 'connections.changed' };

export const methodNames = Object.keys(methods) as MethodName[];

/** Errors cross the boundary as data: a message for the user and, for bad input, the fields. */
export interface ApiErrorBody {
  error: string;
  code: 'bad-input' | 'not-found' | 'failed';
  problems?: FlowProblem[];
}
