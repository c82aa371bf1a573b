/**
 * The API contract implemented on core, independent of how it is carried: the Electron main
 * process and the web host both pass each call here. Every input is validated with the method's
 * zod schema first; errors come back as plain-words messages (ApiError), never stack traces.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { methods, type AppEvent, type AppInfo, type FlowCheck, type MethodName, type MethodResult, type TemplateInfo } from '../api/contract';
import type { FlowDocument } from '../api/flow-document';
import type { RunEvent } from '../api/run-model';
import type { ConnectionKinds } from '../connectors/connection-kind';
import type { LineageStep } from '../engine/record';
import { documentHazards, MAX_NESTING, nestedDeeperThan } from '../flow/document-limits';
import { FlowFileError, parseFlowDocument, parseJsonText } from '../flow/flow-file';
import { resolveSettings } from '../flow/flow-settings';
import { unknownKeyMessages } from '../flow/strict-config';
import { checkFlow, describeIssue, formatPath, validateFlow } from '../flow/validate-flow';
import type { NodeRegistry } from '../nodes/registry';
import { RetryRefused } from '../engine/retry-run';
import type { Writable } from 'node:stream';
import { exportFileName, exportRunToFile, writeRunExport, type ExportFormat } from '../store/run-export';
import { HistoryQueryError } from '../store/run-queries';
import { runSummaryOf } from '../store/runs';
import type { Store } from '../store/store';
import { StoreError } from '../store/store-error';
import { ApiError } from './api-error';
import { dashboardStats } from './dashboard';
import { previewNode } from './preview';
import { readState, stepData, testRun } from './test-records';
import { RunManager } from './run-manager';
import { runSnapshot } from './run-snapshot';
import { connectionKindInfo, connectionProblems, withFormConfig } from './connection-forms';
import { SignIns } from './sign-ins';
import { checkCron, CronError, Scheduler, type SchedulerOptions } from './scheduler';


/** Templates and app logins come from modules that plug in here (templates, connectors). */
export interface TemplateProvider {
  list(): TemplateInfo[];
  create(input: { template: string; flowId?: string; name?: string; connections: Record<string, string>; settings: Record<string, unknown> }): FlowDocument;
  /** The flow made again from the newest version of its template (core/templates/template-update.ts). */
  update(doc: FlowDocument): { doc: FlowDocument; from: number; to: number };
}

export interface ApiServiceOptions {
  store: Store;
  registry: NodeRegistry;
  connectionKinds: ConnectionKinds;
  info: Omit<AppInfo, 'dataDir' | 'timeZone'>;
  templates?: TemplateProvider;
  /**
   * Opens a URL in the OS browser (the desktop app): a sign-in page opens there. Without it (the
   * browser host) the screen opens the page in a new tab itself.
   */
  openExternal?: (url: string) => Promise<void>;
  /** Makes the settings and secrets of a new sandbox connection for an app (connectors provide it). */
  newSandboxConnection?: (app: 'mplus' | 'teamleader', dataDir: string) => Promise<{ kind: string; name: string; config: Record<string, unknown>; secrets: Record<string, string> }>;
  /** Requests a minute new Teamleader sandboxes allow (default: Teamleader's own 200); tests raise it. */
  sandboxRequestsPerMinute?: number;
  /** Called when the service stops, after runs ended (e.g. to save and close sandboxes). */
  onStop?: () => Promise<void>;
  /**
   * Asks the user where to save a file (the desktop app's save dialog); the chosen path, or null
   * when they cancelled. Without it (a browser), an export is handed out as a download instead.
   */
  chooseSavePath?: (suggestedName: string, format: ExportFormat) => Promise<string | null>;
  /** The scheduler's name for other processes ("the desktop app") and, in tests, its clock. */
  scheduler?: SchedulerOptions;
  /** Starting Sincro at login (the desktop app provides it; elsewhere it is not available). */
  loginItem?: { get(): boolean; set(openAtLogin: boolean): void };
}

/** A run's export waiting to be downloaded once by the browser (web-host.ts), by an unguessable ticket. */
export interface ExportTicket {
  runId: string;
  format: ExportFormat;
  fileName: string;
  expires: number;
}

const EXPORT_TICKET_MS = 60_000;

type Handlers = { [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>) => Promise<MethodResult<M>> | MethodResult<M> };

export class ApiService {
  readonly events = new EventEmitter<{ event: [RunEvent | AppEvent] }>();
  readonly runs: RunManager;
  readonly scheduler: Scheduler;
  private readonly signIns = new SignIns();
  private readonly handlers: Handlers;
  private readonly exportTickets = new Map<string, ExportTicket>();

  constructor(private readonly opts: ApiServiceOptions) {
    const { store, registry } = opts;
    this.runs = new RunManager(store, registry);
    this.runs.events.on('event', (e) => this.events.emit('event', e));
    // A run whose process died since the last look is a failure to tell (kept in the inbox).
    try {
      this.runs.tellInterrupted();
    } catch {
      // A store that is busy now: the next run's end tells it.
    }
    // A notice the scheduler raises (a run that could not start) goes to the inbox like a failed run.
    this.scheduler = new Scheduler(store, this.runs, (e) => {
      const events = e.type === 'notice' ? this.runs.notices.eventsFor(this.runs.notices.fromEvent(e)) : [e];
      for (const event of events) this.events.emit('event', event);
    }, opts.scheduler);
    this.handlers = this.buildHandlers();
  }

  /** Starts the scheduler: it takes this data folder's scheduler lock, or waits for it. */
  start(): void {
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
    await this.signIns.cancelAll();
    await this.runs.stopAll();
    await this.opts.onStop?.();
  }

  /** Validates the input against the contract and runs the method. */
  async call(method: string, rawInput: unknown): Promise<unknown> {
    if (!Object.hasOwn(methods, method)) throw new ApiError(`There is no API method "${method}".`, 'bad-input');
    const name = method as MethodName;
    refuseHazards(method, rawInput);
    const parsed = methods[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.flatMap((i) =>
        i.code === 'unrecognized_keys'
          ? unknownKeyMessages(methods[name].input, i, 'field').map(({ key, message }) => ({ path: formatPath([...i.path, key]), message: `${formatPath(i.path) || 'the input'}: ${message}` }))
          : [{ path: formatPath(i.path), message: `${formatPath(i.path) || 'the input'} ${describeIssue(i)}` }],
      );
      throw new ApiError(`The request ${method} is not valid: ${problems.map((p) => p.message).join('; ')}`, 'bad-input', problems);
    }
    const handler = this.handlers[name] as (input: unknown) => unknown;
    return await handler(parsed.data);
  }

  /** The export a download ticket stands for, once: the ticket is then spent. */
  takeExportTicket(ticket: string, now = Date.now()): ExportTicket | undefined {
    for (const [t, x] of this.exportTickets) if (x.expires < now) this.exportTickets.delete(t);
    const found = this.exportTickets.get(ticket);
    this.exportTickets.delete(ticket);
    return found;
  }

  /** Writes a ticket's export to a download; how many records. */
  writeExport(ticket: ExportTicket, out: Writable): Promise<number> {
    return writeRunExport(this.opts.store.runs, ticket.runId, ticket.format, out);
  }

  private check(doc: FlowDocument, baseDir?: string): Promise<FlowCheck> {
    return flowCheck(doc, this.opts.registry, this.opts.store, baseDir);
  }

  private emitApp(event: AppEvent) {
    this.events.emit('event', event);
  }

  private buildHandlers(): Handlers {
    const { store, registry, connectionKinds } = this.opts;
    const needFlow = (id: string) => {
      const f = store.flows.get(id);
      if (!f) throw new ApiError(`There is no flow "${id}".`, 'not-found');
      return f;
    };
    const connectionInfo = (id: string) => {
      const c = store.connections.info(id);
      if (!c) throw new ApiError(`There is no connection "${id}".`, 'not-found');
      return c;
    };
    const saveFlow = async (doc: FlowDocument, note?: string, session?: string, baseDir?: string) => {
      const stored = store.flows.get(doc.id);
      // A schedule is checked when it is switched on or changed. One already stored as it is (a flow
      // file imported with a cron Sincro refuses) does not block saving the flow's other edits: the
      // scheduler reports it, the editor shows the check's message at the cron field.
      const before = stored?.doc.schedule;
      const unchanged = before?.enabled && before.cron === doc.schedule?.cron && before.timezone === doc.schedule?.timezone;
      if (doc.schedule?.enabled && !unchanged) this.checkSchedule(doc.schedule.cron, doc.schedule.timezone);
      const saved = store.flows.save(doc, note, { session, baseDir });
      this.scheduler.refresh();
      this.emitApp({ type: 'flows.changed' });
      return { version: saved.version, changed: saved.changed, ...(saved.replaced ? { replaced: saved.replaced } : {}), ...(await this.check(doc, baseDir ?? stored?.baseDir ?? undefined)) };
    };

    return {
      'app.info': () => ({ ...this.opts.info, dataDir: store.dataDir, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
      'nodeTypes.list': () => registry.describe(),
      'connectionKinds.list': () => connectionKinds.list().map(connectionKindInfo),

      'flows.list': () =>
        store.flows.list().map((f) => {
          let schedule;
          try {
            schedule = store.flows.get(f.id)?.doc.schedule;
          } catch (e) {
            // One flow whose stored document is damaged is listed as such; the others stay usable.
            if (e instanceof StoreError) return { ...f, damaged: e.message };
            throw e;
          }
          return { ...f, ...(schedule ? { schedule: { enabled: schedule.enabled, cron: schedule.cron, nextRunAt: this.scheduler.nextRun(f.id) } } : {}) };
        }),
      'flows.get': ({ id, version }) => {
        const f = store.flows.get(id, version);
        return f ? { doc: f.doc, version: f.version } : null;
      },
      'flows.save': ({ doc, note, session, baseDir }) => saveFlow(doc, note, session, baseDir),
      'flows.check': ({ doc }) => this.check(doc, store.flows.get(doc.id)?.baseDir ?? undefined),
      'flows.delete': ({ id }) => {
        if (this.runs.isRunning(id)) throw new ApiError('The flow is running; cancel the run first.', 'bad-input');
        const deleted = store.flows.remove(id);
        this.scheduler.refresh();
        this.emitApp({ type: 'flows.changed' });
        return { deleted };
      },
      'flows.versions': ({ id }) => store.flows.versions(id),
      'flows.parse': ({ text, fileName }) => {
        try {
          const doc = parseFlowDocument(parseJsonText(text, fileName), fileName);
          const v = validateFlow(doc, registry);
          return { doc, problems: v.ok ? [] : v.problems, error: null };
        } catch (e) {
          if (e instanceof FlowFileError) return { doc: null, problems: e.problems, error: e.message };
          throw e;
        }
      },
      'flows.setSchedule': async ({ id, schedule }) => {
        const f = needFlow(id);
        await saveFlow({ ...f.doc, schedule }, schedule.enabled ? `scheduled: ${schedule.cron}` : 'schedule switched off');
        return { nextRunAt: this.scheduler.nextRun(id) };
      },
      'schedules.log': ({ flowId, limit }) => {
        if (flowId !== undefined && !store.flows.get(flowId) && !store.schedules.loggedFlowIds().includes(flowId)) throw new ApiError(`There is no flow "${flowId}".`, 'not-found');
        const state = flowId === undefined ? undefined : store.schedules.state(flowId);
        const status = this.scheduler.status();
        return {
          entries: store.schedules.log({ flowId, limit }),
          nextRunAt: flowId === undefined ? null : this.scheduler.nextRun(flowId),
          lastRunAt: state?.lastRunAt ?? null,
          lastRunId: state?.lastRunId ?? null,
          holder: status.holder ?? null,
          paused: status.paused,
        };
      },
      'flows.sampleRecords': ({ id, node, limit }) => sampleRecords(store, id, node, limit),
      'flows.previewNode': ({ doc, node, records }) => previewNode(doc, node, records, registry, store),
      'flows.readState': ({ id }) => readState(store, needFlow(id).doc, (type) => registry.get(type)?.kind === 'source'),
      'flows.resetCursors': ({ id }) => {
        needFlow(id);
        if (this.runs.isRunning(id)) throw new ApiError('The flow is running; wait for it to finish or cancel it first.', 'bad-input');
        return { forgotten: store.cursors.reset(id) };
      },
      'flows.stepData': ({ id, node, runId, limit }) => {
        needFlow(id);
        return stepData(store, id, node, limit, runId);
      },

      'templates.list': () => this.opts.templates?.list() ?? [],
      'templates.update': ({ doc }) => {
        if (!this.opts.templates) throw new ApiError('No templates are installed.', 'not-found');
        return this.opts.templates.update(doc);
      },
      'templates.create': async (input) => {
        if (!this.opts.templates) throw new ApiError('No templates are installed.', 'not-found');
        const doc = this.opts.templates.create(input);
        const saved = await saveFlow(doc, `created from the template ${input.template}`);
        return { doc, version: saved.version, problems: saved.problems, summaries: saved.summaries };
      },

      'runs.start': ({ flowId, dryRun, lastRunRecords: replay, usePinned }) => {
        const flow = needFlow(flowId);
        try {
          return { runId: this.runs.start(flowId, { dryRun, ...testRun(store, registry, flow.doc, dryRun, replay, usePinned) }).runId };
        } catch (e) {
          if (e instanceof ApiError) throw e;
          throw new ApiError(e instanceof Error ? e.message : String(e), 'bad-input');
        }
      },
      'runs.cancel': ({ runId }) => ({ cancelled: this.runs.cancel(runId) }),
      'runs.list': ({ trigger, ...filter }) => history(() => store.runs.list({ ...filter, startedBy: trigger })),
      'runs.retry': ({ runId, dryRun }) => {
        try {
          const started = this.runs.retry(runId, { dryRun });
          return { runId: started.runId, records: started.records };
        } catch (e) {
          if (e instanceof RetryRefused) throw new ApiError(e.message, store.runs.get(runId) ? 'bad-input' : 'not-found');
          throw new ApiError(e instanceof Error ? e.message : String(e), 'bad-input');
        }
      },
      'runs.export': async ({ runId, format }) => {
        if (!store.runs.get(runId)) throw new ApiError(`There is no run "${runId}".`, 'not-found');
        const fileName = exportFileName(runId, format);
        if (this.opts.chooseSavePath) {
          const path = await this.opts.chooseSavePath(fileName, format);
          if (!path) return { kind: 'cancelled' };
          return { kind: 'saved', path, records: await exportRunToFile(store.runs, runId, format, path) };
        }
        const ticket = randomBytes(24).toString('base64url');
        this.exportTickets.set(ticket, { runId, format, fileName, expires: Date.now() + EXPORT_TICKET_MS });
        return { kind: 'download', url: `api/download/${ticket}`, fileName };
      },
      'runs.get': ({ runId }) => {
        const r = store.runs.get(runId);
        if (!r) {
          // Just started: the flow is still being checked and the run not yet written down.
          const active = this.runs.activeRun(runId);
          const flow = active && store.flows.get(active.flowId);
          if (!active || !flow) return null;
          const now = new Date().toISOString();
          return { runId, flowId: active.flowId, flowVersion: flow.version, flowName: flow.doc.name, dryRun: false, status: 'running', startedAt: now, finishedAt: '', durationMs: 0, read: 0, ok: 0, skipped: 0, failed: 0, nodes: {} };
        }
        return runSummaryOf(r);
      },
      'runs.snapshot': ({ runId, recent }) => runSnapshot(store, this.runs, runId, recent),
      'runs.records': ({ runId, status, limit, afterSeq }) => store.runs.records(runId, { status, limit, afterSeq }) as never,
      'runs.find': ({ key, before, limit }) => history(() => store.runs.find(key, { before, limit })) as never,

      'notices.list': ({ limit, unreadOnly }) => ({ notices: store.notices.list({ limit, unreadOnly }), unread: store.notices.unreadCount() }),
      'notices.markRead': ({ ids }) => {
        store.notices.markRead(ids);
        const unread = store.notices.unreadCount();
        this.emitApp({ type: 'notices.changed', unread });
        return { unread };
      },

      'connections.list': () => store.connections.list().map((c) => withFormConfig(c, connectionKinds.get(c.kind))),
      'connections.add': ({ id, kind, name, config, secrets }) => {
        const k = connectionKinds.get(kind);
        if (!k) throw new ApiError(`There is no connection kind "${kind}".`, 'bad-input');
        const c = k.config.safeParse(config);
        const s = k.secrets.safeParse(secrets);
        const problems = [...connectionProblems('config', c), ...connectionProblems('secrets', s)];
        if (!c.success || !s.success) throw new ApiError(`The ${k.title} connection is not complete: ${problems.map((p) => p.message).join('; ')}`, 'bad-input', problems);
        if (id !== undefined && store.connections.info(id)) throw new ApiError(`There is a connection "${id}" already; choose another id.`, 'bad-input', [{ path: 'id', message: 'is taken' }]);
        const info = store.connections.add({ id, kind, name, config: c.data, secrets: s.data });
        this.emitApp({ type: 'connections.changed' });
        return withFormConfig(info, k);
      },
      'connections.update': ({ id, name, config, secrets }) => {
        const current = store.connections.get(id);
        if (!current) throw new ApiError(`There is no connection "${id}".`, 'not-found');
        const k = connectionKinds.get(current.kind);
        const typed = Object.fromEntries(Object.entries(secrets ?? {}).filter(([, v]) => v !== ''));
        const c = config && k ? k.config.safeParse(config) : undefined;
        const s = k && Object.keys(typed).length ? k.secrets.safeParse({ ...current.secrets, ...typed }) : undefined;
        const problems = [...(c ? connectionProblems('config', c) : []), ...(s ? connectionProblems('secrets', s) : [])];
        if (problems.length) throw new ApiError(`The ${k?.title ?? current.kind} connection is not complete: ${problems.map((p) => p.message).join('; ')}`, 'bad-input', problems);
        // New integration secrets or settings: the tokens of the old sign-in are no longer its.
        const dropSecrets = k?.signIn && (Object.keys(typed).length || config) ? k.signIn.tokenSecrets : undefined;
        const info = store.connections.update(id, { name, config: c?.success ? c.data : config, secrets: typed, dropSecrets });
        this.emitApp({ type: 'connections.changed' });
        return withFormConfig(info, k);
      },
      'connections.remove': ({ id }) => {
        const removed = store.connections.remove(id);
        this.emitApp({ type: 'connections.changed' });
        return { removed };
      },
      'connections.addSandbox': async ({ app, name }) => {
        if (!this.opts.newSandboxConnection) throw new ApiError('Sandboxes are not available in this Sincro.', 'not-found');
        const c = await this.opts.newSandboxConnection(app, store.dataDir);
        const pace = app === 'teamleader' ? this.opts.sandboxRequestsPerMinute : undefined;
        const info = store.connections.add({ ...c, name: name ?? c.name, ...(pace ? { config: { ...c.config, requestsPerMinute: pace } } : {}) });
        this.emitApp({ type: 'connections.changed' });
        return info;
      },
      'connections.test': async ({ id }) => {
        const conn = store.connections.get(id);
        if (!conn) throw new ApiError(`There is no connection "${id}".`, 'not-found');
        const kind = connectionKinds.get(conn.kind);
        const result = kind ? await kind.test(conn, undefined, (secrets) => store.connections.updateSecrets(id, secrets)) : { ok: false, message: `This Sincro does not know connections of kind "${conn.kind}".` };
        const kept = store.connections.recordTest(id, result);
        this.emitApp({ type: 'connections.changed' });
        return kept;
      },
      'connections.signIn': async ({ id }) => {
        const conn = connectionInfo(id);
        const signIn = connectionKinds.get(conn.kind)?.signIn;
        if (!signIn) throw new ApiError(`“${conn.name}” is connected with its settings; there is nothing to sign in to.`, 'bad-input');
        const attempt = await this.signIns.start(
          id,
          () => signIn.begin(store.connections, id),
          (answer) => {
            const kept = store.connections.recordTest(id, answer);
            this.emitApp({ type: 'connections.changed' });
            return kept;
          },
        );
        if (!attempt.url) throw new ApiError((await attempt.done).message, 'bad-input');
        let opened = false;
        if (this.opts.openExternal) {
          try {
            await this.opts.openExternal(attempt.url);
            opened = true;
          } catch {
            // The screen offers the page as a link instead.
          }
        }
        return { url: attempt.url, redirectUri: attempt.redirectUri, opened };
      },
      'connections.signInResult': ({ id, waitMs }) => {
        connectionInfo(id);
        return this.signIns.result(id, waitMs);
      },

      'settings.get': () => ({ retentionDays: store.settings.get('retentionDays'), notifyOn: store.settings.get('notifyOn') }),
      'settings.set': ({ retentionDays, notifyOn }) => {
        if (retentionDays !== undefined) store.settings.set('retentionDays', retentionDays);
        if (notifyOn !== undefined) store.settings.set('notifyOn', notifyOn);
        return { retentionDays: store.settings.get('retentionDays'), notifyOn: store.settings.get('notifyOn') };
      },
      'loginItem.get': () => ({ available: !!this.opts.loginItem, openAtLogin: this.opts.loginItem?.get() ?? false }),
      'loginItem.set': ({ openAtLogin }) => {
        const item = this.opts.loginItem;
        if (!item) throw new ApiError('Starting at login is an option of the desktop app.', 'bad-input');
        item.set(openAtLogin);
        return { available: true, openAtLogin: item.get() };
      },
      'ledger.list': (filter) => store.ledger.list(filter),
      'ledger.forget': ({ scope, entity, sourceId }) => ({ forgotten: store.ledger.forget(scope, entity, sourceId) }),
      'dashboard.stats': ({ days }) => dashboardStats(store, days),
    };
  }

  private checkSchedule(cron: string, timezone?: string) {
    try {
      checkCron(cron, timezone);
    } catch (e) {
      if (e instanceof CronError) throw new ApiError(e.message, 'bad-input', [{ path: 'schedule.cron', message: e.message }]);
      throw e;
    }
  }
}

/** A history query whose filter is wrong (a cursor from elsewhere) is bad input, said in words. */
function history<T>(query: () => T): T {
  try {
    return query();
  } catch (e) {
    if (e instanceof HistoryQueryError) throw new ApiError(e.message, 'bad-input');
    throw e;
  }
}

/** Room for a flow document's own levels around a node config that nests MAX_NESTING deep. */
const MAX_INPUT_NESTING = MAX_NESTING + 16;

/**
 * Before the contract's zod schemas see an input: a flow document that nests too deeply or holds a
 * prototype key is refused naming the node and field, and so is any other input nested deeper
 * than a flow may be (zod's recursion would overflow the stack).
 */
function refuseHazards(method: string, input: unknown): void {
  const doc = input && typeof input === 'object' && Object.hasOwn(input, 'doc') ? (input as { doc: unknown }).doc : undefined;
  const problems = documentHazards(doc);
  if (problems.length) throw new ApiError(`The flow cannot be used: ${problems.map((p) => p.message).join(' ')}`, 'bad-input', problems);
  if (nestedDeeperThan(input, MAX_INPUT_NESTING)) throw new ApiError(`The request ${method} is not valid: it nests objects and lists more than ${MAX_INPUT_NESTING} levels deep.`, 'bad-input');
}

/** Problems (structure, config, files, connections) and each node's one-line summary. */
export async function flowCheck(doc: FlowDocument, registry: NodeRegistry, store: Store, baseDir?: string): Promise<FlowCheck> {
  const hazards = documentHazards(doc);
  if (hazards.length) return { problems: hazards, summaries: {} };
  const summaries: Record<string, string> = {};
  for (const node of doc.nodes) {
    const def = registry.get(node.type);
    const parsed = def?.config.safeParse(resolveSettings(node.config, doc.settings).value);
    if (def?.summary && parsed?.success) summaries[node.id] = def.summary(parsed.data);
  }
  const v = await checkFlow(doc, registry, { baseDir: baseDir ?? process.cwd(), connection: (id) => store.connections.get(id) });
  return { problems: v.problems, summaries };
}

/** The records that reached a node in the flow's most recent run, as that node received them. */
function sampleRecords(store: Store, flowId: string, nodeId: string, limit: number): unknown[] {
  const run = store.runs.list({ flowId, limit: 1 })[0];
  if (!run) return [];
  const out: unknown[] = [];
  for (const r of store.runs.records(run.id, { limit: 2000 })) {
    const trail = r.lineage as LineageStep[];
    const at = trail.findIndex((s) => s.node === nodeId);
    if (at <= 0) continue;
    for (let i = at - 1; i >= 0; i--) {
      const data = trail[i]?.data;
      if (data !== undefined) {
        out.push(data);
        break;
      }
    }
    if (out.length >= limit) break;
  }
  return out;
}
