/**
 * The demo: both sandboxes with the demo shop (or a given seed), a sandbox connection to each, and
 * every template run once in a sensible order (products before the orders that need them). Used by
 * `sincro demo` and by the template tests, so what the README shows is what the tests check.
 */
import type { FlowDocument } from '../api/flow-document';
import type { RunEvent, RunSummary } from '../api/run-model';
import { createRegistry, newSandboxConnection } from '../catalog';
import type { SandboxSeeds } from '../connectors/sandbox-seed-file';
import { ensureMplusSandbox } from '../connectors/mplus/connection-kinds';
import { ensureTeamleaderSandbox } from '../connectors/teamleader/connection-kinds';
import type { RequestKind } from '../connectors/teamleader/sandbox/request-kind';
import { executeFlow } from '../engine/execute-flow';
import type { Store } from '../store/store';
import { createTemplateCatalog } from './index';

/** Products first, then customers, then the orders that need both. */
export const DEMO_ORDER = ['products-mplus-to-teamleader', 'products-teamleader-to-mplus', 'customers-teamleader-to-mplus', 'orders-mplus-to-teamleader', 'orders-teamleader-to-mplus'];

export interface DemoConnections {
  mplus: string;
  teamleader: string;
}

export interface TemplateOutcome {
  template: string;
  name: string;
  summary: RunSummary;
  /** Failure reasons with how many records each. */
  failures: Array<{ message: string; count: number }>;
}

export interface DemoOptions {
  /**
   * Requests a minute the Teamleader sandbox (and the client talking to it) allows. The real
   * Teamleader allows 200, which makes a first sync of the demo shop take minutes.
   */
  teamleaderRequestsPerMinute?: number;
}

/** Adds a sandbox connection for each app; with seeds, loads them into the sandboxes. */
export async function demoConnections(store: Store, seeds: SandboxSeeds = {}, opts: DemoOptions = {}): Promise<DemoConnections> {
  const mplus = store.connections.add(await newSandboxConnection('mplus', store.dataDir));
  const made = await newSandboxConnection('teamleader', store.dataDir);
  const teamleader = store.connections.add(opts.teamleaderRequestsPerMinute ? { ...made, config: { ...made.config, requestsPerMinute: opts.teamleaderRequestsPerMinute } } : made);
  if (seeds.mplus) await resetSandbox((await ensureMplusSandbox(need(store, mplus.id))).url, seeds.mplus);
  if (seeds.teamleader) await resetSandbox((await ensureTeamleaderSandbox(need(store, teamleader.id))).url, seeds.teamleader);
  return { mplus: mplus.id, teamleader: teamleader.id };
}

/** Everything both sandboxes hold, as their control paths give it. */
export async function sandboxStates(store: Store, connections: DemoConnections): Promise<{ mplus: unknown; teamleader: unknown }> {
  const state = async (url: string) => (await fetch(`${url}/__sandbox/state`)).json() as Promise<unknown>;
  return {
    mplus: await state((await ensureMplusSandbox(need(store, connections.mplus))).url),
    teamleader: await state((await ensureTeamleaderSandbox(need(store, connections.teamleader))).url),
  };
}

/**
 * The requests the Teamleader sandbox answered so far, by kind (connectors/teamleader/sandbox/
 * request-kind.ts) and by endpoint; `requestsBetween` gives what one template asked.
 */
export interface TeamleaderRequests {
  writes: number;
  pages: number;
  lookups: number;
  details: number;
  /** Requests the sandbox refused with 429 (counted in the kinds too); the client paces itself, so 0. */
  rateLimited: number;
  byEndpoint: Record<string, number>;
}

export async function teamleaderRequests(store: Store, connections: DemoConnections): Promise<TeamleaderRequests> {
  const url = (await ensureTeamleaderSandbox(need(store, connections.teamleader))).url;
  const stats = (await (await fetch(`${url}/__sandbox/stats`)).json()) as { byKind: Record<RequestKind, number>; rateLimited: number; byEndpoint: Record<string, number> };
  return { writes: stats.byKind.write, pages: stats.byKind.page, lookups: stats.byKind.lookup, details: stats.byKind.detail, rateLimited: stats.rateLimited, byEndpoint: stats.byEndpoint };
}

export function teamleaderRequestsBetween(before: TeamleaderRequests, after: TeamleaderRequests): TeamleaderRequests {
  const byEndpoint = Object.fromEntries(Object.entries(after.byEndpoint).flatMap(([k, v]) => (v > (before.byEndpoint[k] ?? 0) ? [[k, v - (before.byEndpoint[k] ?? 0)]] : [])));
  const diff = (k: 'writes' | 'pages' | 'lookups' | 'details' | 'rateLimited') => after[k] - before[k];
  return { writes: diff('writes'), pages: diff('pages'), lookups: diff('lookups'), details: diff('details'), rateLimited: diff('rateLimited'), byEndpoint };
}

export interface RunTemplateOptions {
  dryRun?: boolean;
  settings?: Record<string, unknown>;
  /** Store it under another flow id than the template's (a second flow from one template). */
  flowId?: string;
  /** Change the flow before it runs, as a user would in the editor. */
  edit?: (doc: FlowDocument) => FlowDocument;
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /** Also send an event for each record as it finishes (as the screen's live view gets them). */
  recordEvents?: boolean;
}

export async function runTemplate(store: Store, template: string, connections: DemoConnections, opts: RunTemplateOptions = {}): Promise<TemplateOutcome> {
  const made = createTemplateCatalog().create({ template, flowId: opts.flowId, connections: { ...connections }, settings: opts.settings ?? {} });
  const doc = opts.edit ? opts.edit(made) : made;
  const result = await executeFlow(store, createRegistry(), doc, { saveNote: 'the demo', dryRun: opts.dryRun, signal: opts.signal, trigger: 'demo', onEvent: opts.onEvent, recordEvents: opts.recordEvents });
  if (!result.ok) throw new Error(`The template ${template} cannot run:\n${result.problems.map((p) => `  - ${p.message}`).join('\n')}`);
  const counts = new Map<string, number>();
  for (const r of store.runs.records(result.summary.runId, { status: 'failed', limit: 10_000 })) counts.set(r.message ?? '', (counts.get(r.message ?? '') ?? 0) + 1);
  return { template, name: doc.name, summary: result.summary, failures: [...counts].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count) };
}

function need(store: Store, id: string) {
  const c = store.connections.get(id);
  if (!c) throw new Error(`the connection ${id} is gone`);
  return c;
}

async function resetSandbox(url: string, seed: unknown): Promise<void> {
  const res = await fetch(`${url}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(seed) });
  if (!res.ok) throw new Error(`the sandbox at ${url} refused the seed: ${await res.text()}`);
}
