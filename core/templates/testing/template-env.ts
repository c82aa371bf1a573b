/**
 * For the template tests: a real store, both sandboxes behind sandbox connections (as a user's
 * demo has them), and helpers to run a template and read what each sandbox holds afterwards.
 */
import { closeSandboxes } from '../../catalog';
import type { MplusSeed } from '../../connectors/mplus/sandbox/seed';
import type { MplusSeedState } from '../../connectors/mplus/sandbox/seed-state';
import type { SandboxSeeds } from '../../connectors/sandbox-seed-file';
import type { TeamleaderSeed } from '../../connectors/teamleader/sandbox/seed-schema';
import type { RunRecordInfo } from '../../store/runs';
import type { Store } from '../../store/store';
import { ensureMplusSandbox } from '../../connectors/mplus/connection-kinds';
import { originOfExternalId, originOfPurchaseOrderNumber } from '../../connectors/shared/origin-marker';
import { ensureTeamleaderSandbox } from '../../connectors/teamleader/connection-kinds';
import { testStore } from '../../testing/golden';
import { demoConnections, runTemplate, type DemoConnections, type RunTemplateOptions, type TemplateOutcome } from '../demo-run';

export interface MplusState {
  relations: Array<Record<string, unknown> & { relationNumber: number; email?: string; name?: string }>;
  products: Array<{ productNumber: number; articleList: Array<Record<string, unknown> & { articleNumber: number }> } & Record<string, unknown>>;
  articleGroups: Array<Record<string, unknown> & { name: string }>;
  orders: Array<Record<string, unknown> & { orderId: string; extOrderId?: string; relationNumber: number; lineList: Array<{ articleNumber: number; data: Record<string, unknown> }> }>;
  invoices: Array<Record<string, unknown> & { extInvoiceId?: string }>;
}

export interface TeamleaderState {
  contacts: Array<Record<string, unknown> & { id: string; emails: Array<{ type: string; email: string }>; companies?: Array<{ company_id: string }> }>;
  companies: Array<Record<string, unknown> & { id: string; name: string; emails: Array<{ type: string; email: string }> }>;
  products: Array<Record<string, unknown> & { id: string; code: string | null }>;
  invoices: Array<Record<string, unknown> & { id: string; purchase_order_number: string | null; status: string }>;
  creditNotes: Array<Record<string, unknown> & { id: string; invoice_id: string | null }>;
  quotations: Array<Record<string, unknown> & { id: string }>;
  deals: Array<Record<string, unknown> & { id: string; title: string }>;
  productCategories: Array<{ id: string; name: string }>;
}

export interface TemplateEnv {
  /** The data folder's store (another `Store.open` of `store.dataDir` is as another process's). */
  store: Store;
  connections: DemoConnections;
  run(template: string, opts?: RunTemplateOptions): Promise<TemplateOutcome>;
  mplus(): Promise<MplusState>;
  teamleader(): Promise<TeamleaderState>;
  /** Requests each sandbox answered so far: MplusKASSA per operation, Teamleader per endpoint. */
  requests(): Promise<{ mplus: Record<string, number>; teamleader: Record<string, number> }>;
  /**
   * Changes what the MplusKASSA sandbox holds, as a user would in the app: `edit` gets the sandbox
   * as a seed whose `state` holds every record (delete a customer there), and may add records in
   * the seed's own lists (a new order, priced by the sandbox).
   */
  resetMplus(edit: (seed: MplusSeed & { state: MplusSeedState }) => MplusSeed): Promise<void>;
  /** Changes what the Teamleader sandbox holds, as a user would in the app. */
  resetTeamleader(edit: (state: TeamleaderSeed) => TeamleaderSeed): Promise<void>;
  /** A run's records with their lineage, as the history keeps them. */
  records(runId: string): RunRecordInfo[];
  mplusUrl(): Promise<string>;
  teamleaderUrl(): Promise<string>;
  close(): Promise<void>;
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
}

export async function templateEnv(seeds: SandboxSeeds = {}): Promise<TemplateEnv> {
  const store = testStore();
  const connections = await demoConnections(store, seeds, { teamleaderRequestsPerMinute: 6000 });
  const conn = (id: string) => {
    const c = store.connections.get(id);
    if (!c) throw new Error(`no connection ${id}`);
    return c;
  };
  const mplusUrl = async () => (await ensureMplusSandbox(conn(connections.mplus))).url;
  const teamleaderUrl = async () => (await ensureTeamleaderSandbox(conn(connections.teamleader))).url;
  const control = async <T>(url: string, what: 'state' | 'stats') => (await (await fetch(`${url}/__sandbox/${what}`)).json()) as T;
  return {
    store,
    connections,
    run: (template, opts = {}) => runTemplate(store, template, connections, opts),
    mplus: async () => control<MplusState>(await mplusUrl(), 'state'),
    teamleader: async () => control<TeamleaderState>(await teamleaderUrl(), 'state'),
    async requests() {
      const mplus = await control<{ operations: Record<string, number> }>(await mplusUrl(), 'stats');
      const teamleader = await control<{ byEndpoint: Record<string, number> }>(await teamleaderUrl(), 'stats');
      return { mplus: mplus.operations, teamleader: teamleader.byEndpoint };
    },
    async resetMplus(edit) {
      const url = await mplusUrl();
      const seed = (await (await fetch(`${url}/__sandbox/seed`)).json()) as MplusSeed & { state: MplusSeedState };
      await post(`${url}/__sandbox/reset`, edit(seed));
    },
    async resetTeamleader(edit) {
      const url = await teamleaderUrl();
      await post(`${url}/__sandbox/reset`, edit(await control<TeamleaderSeed>(url, 'state')));
    },
    records: (runId) => store.runs.records(runId, { limit: 100_000 }),
    mplusUrl,
    teamleaderUrl,
    async close() {
      await closeSandboxes();
      store.dispose();
    },
  };
}

/** What was asked of each sandbox between two `requests()` readings. */
export function requestsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
}

/** Primary email of a Teamleader contact or company. */
export const emailOf = (p: { emails: Array<{ type: string; email: string }> }) => p.emails.find((e) => e.type === 'primary')?.email;

/** The MplusKASSA document id a Teamleader invoice came from, by its purchase order number (origin marker or older bare id). */
export const fromMplus = (invoice: { purchase_order_number: string | null }) => originOfPurchaseOrderNumber(invoice.purchase_order_number)?.id;

/** The Teamleader document id an MplusKASSA order or invoice came from, by its external id. */
export const fromTeamleader = (externalId: unknown) => originOfExternalId(externalId)?.id;
