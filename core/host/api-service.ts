/**
 * The API contract implemented on core, independent of how it is carried: the Electron main
 * process and the web host both pass each call here. Every input is validated with the method's
 * zod schema first; errors come back as plain-words messages (ApiError), never stack traces.
 */
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
import { runSummaryOf } from '../store/runs';
import type { Store } from '../store/store';
import { ApiError } from './api-error';
import { dashboardStats } from './dashboard';
import { previewNode } from './preview';
import { RunManager } from './run-manager';
import { checkCron, CronError, Scheduler, type SchedulerOptions } from './scheduler';


/** Templates and app logins come from modules that plug in here (templates, connectors). */
export interface TemplateProvider {
  list(): TemplateInfo[];
  create(input: { template: string; flowId?: string; name?: string; connections: Record<string, string>; settings: Record<string, unknown> }): FlowDocument;
}

export interface ApiServiceOptions {
  store: Store;
  registry: NodeRegistry;
  connectionKinds: ConnectionKinds;
  info: Omit<AppInfo, 'dataDir'>;
  templates?: TemplateProvider;
  /** Opens a URL in the OS browser (OAuth logins). */
  openExternal?: (url: string) => Promise<void>;
  /** Makes the settings and secrets of a new sandbox connection for an app (connectors provide it). */
  newSandboxConnection?: (app: 'mplus' | 'teamleader', dataDir: string) => Promise<{ kind: string; name: string; config: Record<string, unknown>; secrets: Record<string, string> }>;
  /** Requests a minute new Teamleader sandboxes allow (default: Teamleader's own 200); tests raise it. */
  sandboxRequestsPerMinute?: number;
  /** Called when the service stops, after runs ended (e.g. to save and close sandboxes). */
  onStop?: () => Promise<void>;
  /** Starts the app's login for a connection and stores the tokens (Teamleader OAuth). */
  authorize?: (connections: Store['connections'], connectionId: string, openExternal: (url: string) => Promise<void>) => Promise<{ ok: boolean; message: string }>;
  /** The scheduler's name for other processes ("the desktop app") and, in tests, its clock. */
  scheduler?: SchedulerOptions;
  /** Starting Sincro at login (the desktop app provides it; elsewhere it is not available). */
  loginItem?: { get(): boolean; set(openAtLogin: boolean): void };
}

type Handlers = { [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>) => Promise<MethodResult<M>> | MethodResult<M> };

export class ApiService {
  readonly events = new EventEmitter<{ event: [RunEvent | AppEvent] }>();
  readonly runs: RunManager;
  readonly scheduler: Scheduler;
  private readonly handlers: Handlers;

  constructor(private readonly opts: ApiServiceOptions) {
    const { store, registry } = opts;
    this.runs = new RunManager(store, registry);
    this.runs.events.on('event', (e) => this.events.emit('event', e));
    this.scheduler = new Scheduler(store, this.runs, (e) => this.events.emit('event', e), opts.scheduler);
    this.handlers = this.buildHandlers();
  }

  /** Starts the scheduler: it takes this data folder's scheduler lock, or waits for it. */
  start(): void {
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
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
    const saveFlow = async (doc: FlowDocument, note?: string) => {
      if (doc.schedule?.enabled) this.checkSchedule(doc.schedule.cron, doc.schedule.timezone);
      const stored = store.flows.get(doc.id);
      const saved = store.flows.save(doc, note);
      this.scheduler.refresh();
      this.emitApp({ type: 'flows.changed' });
      return { version: saved.version, changed: saved.changed, ...(await this.check(doc, stored?.baseDir ?? undefined)) };
    };

    return {
      'app.info': () => ({ ...this.opts.info, dataDir: store.dataDir }),
      'nodeTypes.list': () => registry.describe(),
      'connectionKinds.list': () =>
        connectionKinds.list().map((k) => ({
          kind: k.kind,
          app: k.app,
          title: k.title,
          configSchema: z.toJSONSchema(k.config, { io: 'input', unrepresentable: 'any' }),
          secretFields: Object.keys((z.toJSONSchema(k.secrets, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {}),
          sandbox: k.kind.endsWith('-sandbox'),
        })),

      'flows.list': () =>
        store.flows.list().map((f) => {
          const schedule = store.flows.get(f.id)?.doc.schedule;
          return { ...f, ...(schedule ? { schedule: { enabled: schedule.enabled, cron: schedule.cron, nextRunAt: this.scheduler.nextRun(f.id) } } : {}) };
        }),
      'flows.get': ({ id, version }) => {
        const f = store.flows.get(id, version);
        return f ? { doc: f.doc, version: f.version } : null;
      },
      'flows.save': ({ doc, note }) => saveFlow(doc, note),
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

      'templates.list': () => this.opts.templates?.list() ?? [],
      'templates.create': async (input) => {
        if (!this.opts.templates) throw new ApiError('No templates are installed.', 'not-found');
        const doc = this.opts.templates.create(input);
        const saved = await saveFlow(doc, `created from the template ${input.template}`);
        return { doc, version: saved.version, problems: saved.problems, summaries: saved.summaries };
      },

      'runs.start': ({ flowId, dryRun }) => {
        needFlow(flowId);
        try {
          return { runId: this.runs.start(flowId, { dryRun, trigger: dryRun ? 'dry run' : 'manual' }).runId };
        } catch (e) {
          throw new ApiError(e instanceof Error ? e.message : String(e), 'bad-input');
        }
      },
      'runs.cancel': ({ runId }) => ({ cancelled: this.runs.cancel(runId) }),
      'runs.list': (filter) => store.runs.list(filter),
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
      'runs.records': ({ runId, status, limit, offset }) => store.runs.records(runId, { status, limit, offset }) as never,
      'runs.find': ({ key }) => store.runs.findByKey(key) as never,

      'connections.list': () => store.connections.list(),
      'connections.add': ({ kind, name, config, secrets }) => {
        const k = connectionKinds.get(kind);
        if (!k) throw new ApiError(`There is no connection kind "${kind}".`, 'bad-input');
        const c = k.config.safeParse(config);
        if (!c.success) throw new ApiError(`The settings are not right: ${c.error.issues.map((i) => `${formatPath(i.path)} ${describeIssue(i)}`).join('; ')}`, 'bad-input');
        const s = k.secrets.safeParse(secrets);
        if (!s.success) throw new ApiError(`The secrets are not right: ${s.error.issues.map((i) => `${formatPath(i.path)} ${describeIssue(i)}`).join('; ')}`, 'bad-input');
        const info = store.connections.add({ kind, name, config: c.data, secrets: s.data });
        this.emitApp({ type: 'connections.changed' });
        return info;
      },
      'connections.update': ({ id, name, config, secrets }) => {
        connectionInfo(id);
        const info = store.connections.update(id, { name, config, secrets });
        this.emitApp({ type: 'connections.changed' });
        return info;
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
        if (!kind) return { ok: false, message: `This Sincro does not know connections of kind "${conn.kind}".` };
        return kind.test(conn, undefined, (secrets) => store.connections.updateSecrets(id, secrets));
      },
      'connections.authorize': async ({ id }) => {
        connectionInfo(id);
        if (!this.opts.authorize || !this.opts.openExternal) return { ok: false, message: 'This connection does not need a login.' };
        const result = await this.opts.authorize(store.connections, id, this.opts.openExternal);
        this.emitApp({ type: 'connections.changed' });
        return result;
      },

      'settings.get': () => ({ retentionDays: store.settings.get('retentionDays') }),
      'settings.set': ({ retentionDays }) => ({ retentionDays: store.settings.set('retentionDays', retentionDays) }),
      'loginItem.get': () => ({ available: !!this.opts.loginItem, openAtLogin: this.opts.loginItem?.get() ?? false }),
      'loginItem.set': ({ openAtLogin }) => {
        const item = this.opts.loginItem;
        if (!item) throw new ApiError('Starting at login is an option of the desktop app.', 'bad-input');
        item.set(openAtLogin);
        return { available: true, openAtLogin: item.get() };
      },
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
