/**
 * The API between the screen and core, declared once: each method's name, its input as a zod
 * schema (validated by the host on every call, whether it came over Electron IPC or HTTP), and its
 * result type. The Electron preload and the web client both build `SincroApi` from this list, so a
 * method cannot exist on one host and not the other.
 */
import { z } from 'zod';
import { flowDocumentSchema, scheduleSchema, type FlowDocument, type FlowProblem } from './flow-document';
import type { NodeTypeDescriptor } from './node-type';
import type { RunEvent, RunStatus, RunSummary } from './run-model';
import type { ScheduleLogEntry, SchedulerHolderInfo } from './schedules';

const id = z.string().min(1).max(200);
const runStatus = z.enum(['running', 'succeeded', 'partial', 'failed', 'cancelled']);

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  dataDir: string;
}

export interface ConnectionKindInfo {
  kind: string;
  app: string;
  title: string;
  configSchema: unknown;
  secretFields: string[];
  /** Sandbox kinds make their own settings: one click, no account. */
  sandbox: boolean;
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
}

export interface FlowListItem {
  id: string;
  name: string;
  version: number;
  updatedAt: string;
  schedule?: { enabled: boolean; cron: string; nextRunAt: string | null };
  lastRun?: { id: string; status: string; startedAt: string };
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
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  counts: { read: number; ok: number; skipped: number; failed: number } | null;
  error: string | null;
}

export interface RunRecord {
  seq: number;
  key: string;
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

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  apps: string[];
  /** The settings questions (JSON Schema with UI hints). */
  settingsSchema: unknown;
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

/** Every method: its input schema and its result type (the second, phantom, member). */
export const methods = {
  'app.info': { input: z.object({}), result: {} as AppInfo },
  'nodeTypes.list': { input: z.object({}), result: [] as NodeTypeDescriptor[] },
  'connectionKinds.list': { input: z.object({}), result: [] as ConnectionKindInfo[] },

  'flows.list': { input: z.object({}), result: [] as FlowListItem[] },
  'flows.get': { input: z.object({ id, version: z.number().int().positive().optional() }), result: null as { doc: FlowDocument; version: number } | null },
  'flows.save': { input: z.object({ doc: flowDocumentSchema, note: z.string().max(500).optional() }), result: {} as { version: number; changed: boolean } & FlowCheck },
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

  'templates.list': { input: z.object({}), result: [] as TemplateInfo[] },
  'templates.create': {
    input: z.object({ template: id, flowId: id.optional(), name: z.string().max(200).optional(), connections: z.record(z.string(), z.string()).default({}), settings: z.record(z.string(), z.unknown()).default({}) }),
    result: {} as { doc: FlowDocument; version: number } & FlowCheck,
  },

  'runs.start': { input: z.object({ flowId: id, dryRun: z.boolean().default(false) }), result: {} as { runId: string } },
  'runs.cancel': { input: z.object({ runId: id }), result: {} as { cancelled: boolean } },
  'runs.list': { input: z.object({ flowId: id.optional(), status: runStatus.optional(), limit: z.number().int().min(1).max(500).default(50) }), result: [] as RunListItem[] },
  'runs.get': { input: z.object({ runId: id }), result: null as RunSummary | null },
  'runs.records': { input: z.object({ runId: id, status: z.enum(['ok', 'skipped', 'failed']).optional(), limit: z.number().int().min(1).max(1000).default(200), offset: z.number().int().min(0).default(0) }), result: [] as RunRecord[] },
  'runs.find': { input: z.object({ key: z.string().min(1).max(500) }), result: [] as Array<RunRecord & { runId: string; startedAt: string; flowName: string; dryRun: boolean }> },

  'connections.list': { input: z.object({}), result: [] as ConnectionInfo[] },
  'connections.add': {
    input: z.object({ kind: z.string().min(1), name: z.string().min(1).max(200), config: z.record(z.string(), z.unknown()).default({}), secrets: z.record(z.string(), z.string()).default({}) }),
    result: {} as ConnectionInfo,
  },
  'connections.update': {
    input: z.object({ id, name: z.string().min(1).max(200).optional(), config: z.record(z.string(), z.unknown()).optional(), secrets: z.record(z.string(), z.string()).optional() }),
    result: {} as ConnectionInfo,
  },
  'connections.remove': { input: z.object({ id }), result: {} as { removed: boolean } },
  /** A connection to a local sandbox of the app, with demo data: try everything without an account. */
  'connections.addSandbox': { input: z.object({ app: z.enum(['mplus', 'teamleader']), name: z.string().min(1).max(200).optional() }), result: {} as ConnectionInfo },
  'connections.test': { input: z.object({ id }), result: {} as { ok: boolean; message: string } },
  /** Opens the app's login in the OS browser (Teamleader) and stores the tokens when it returns. */
  'connections.authorize': { input: z.object({ id }), result: {} as { ok: boolean; message: string } },

  'settings.get': { input: z.object({}), result: {} as { retentionDays: number } },
  'settings.set': { input: z.object({ retentionDays: z.number().int().min(1).max(3650) }), result: {} as { retentionDays: number } },
  'loginItem.get': { input: z.object({}), result: {} as LoginItemState },
  'loginItem.set': { input: z.object({ openAtLogin: z.boolean() }), result: {} as LoginItemState },
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
  | { type: 'notice'; level: 'info' | 'warn' | 'error'; title: string; message: string; flowId?: string; runId?: string }
  | { type: 'flows.changed' }
  | { type: 'connections.changed' };

export const methodNames = Object.keys(methods) as MethodName[];

/** Errors cross the boundary as data: a message for the user and, for bad input, the fields. */
export interface ApiErrorBody {
  error: string;
  code: 'bad-input' | 'not-found' | 'failed';
  problems?: FlowProblem[];
}
