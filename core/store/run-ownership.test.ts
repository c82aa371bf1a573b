import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { openDatabase } from './database';
import { migrations } from './migrations';
import { FLUSH_MS, runSummaryOf, type RunInfo } from './runs';
import { newRunOwner, ownerGone, OTHER_HOST_STALE_MS, SAME_HOST_STALE_MS } from './run-owner';
import { DB_FILE, Store } from './store';

let dirs: Array<{ remove(): void }> = [];
let stores: Store[] = [];
const folder = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
const open = (dataDir: string) => {
  const s = Store.open({ dataDir });
  stores.push(s);
  return s;
};
afterEach(() => {
  for (const s of stores) if (s.db.open) s.close();
  stores = [];
  dirs.forEach((d) => d.remove());
  dirs = [];
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const start = (store: Store, runId: string, startedAt = new Date().toISOString()) =>
  store.runs.start({ runId, flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'cli', startedAt });
const record = (store: Store, runId: string, seq: number, step: Record<string, unknown> = {}) =>
  store.runs.record(runId, { seq, key: `o${seq}`, source: 'orders', status: 'ok', node: 'send', port: 'out', action: 'create', targetId: `t${seq}`, lineage: [{ node: 'orders', port: 'out', data: { seq } }, { node: 'send', port: 'out', action: 'create', targetId: `t${seq}`, ...step }] });

/** The pid of a process that has ended. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '0']).pid;
  if (!pid) throw new Error('no child pid');
  return pid;
}

describe('runs in progress and their owners', () => {
  it('a second store on the same file leaves a live run running, and sees its records within a second', async () => {
    const dir = folder();
    const app = open(dir);
    start(app, 'r1');
    record(app, 'r1', 0);
    record(app, 'r1', 1);
    await sleep(FLUSH_MS + 300);

    const cli = open(dir);
    expect(cli.runs.get('r1')).toMatchObject({ status: 'running', finishedAt: null, interrupted: false, counts: { ok: 2 } });
    expect(cli.runs.list()[0]).toMatchObject({ id: 'r1', status: 'running' });
    expect(cli.runs.records('r1').map((r) => r.targetId)).toEqual(['t0', 't1']);
    cli.close();

    app.runs.finish('r1', { status: 'succeeded', finishedAt: new Date().toISOString(), counts: { read: 2, ok: 2, skipped: 0, failed: 0, nodes: {} } });
    expect(open(dir).runs.get('r1')).toMatchObject({ status: 'succeeded', interrupted: false });
  });

  it('a run whose process is gone is marked interrupted once: end fixed at its last sign of life, counts from its records', async () => {
    const dir = folder();
    const crashed = open(dir);
    start(crashed, 'r1', '2026-11-29T10:00:00.000Z');
    for (let i = 0; i < 3; i++) record(crashed, 'r1', i);
    crashed.runs.flush();
    const lastBeat = '2026-11-29T10:00:07.000Z';
    // As the dead process left it: its pid gone, its last heartbeat 7 s after the start.
    crashed.db.prepare('UPDATE runs SET owner_pid = ?, owner_instance = ?, heartbeat_at = ? WHERE id = ?').run(deadPid(), 'gone', lastBeat, 'r1');

    const other = open(dir);
    const run = other.runs.get('r1');
    expect(run).toMatchObject({ status: 'failed', interrupted: true, finishedAt: lastBeat, counts: { read: 3, ok: 3, skipped: 0, failed: 0, nodes: { send: { in: 3, created: 3, out: { out: 3 } }, orders: { in: 0, out: { out: 3 } } } } });
    expect(run?.error).toMatch(/^Interrupted: Sincro stopped while this run was going on.*finished 3 record\(s\): 3 done, 0 skipped, 0 failed; 3 created/);
    await sleep(50);
    expect(open(dir).runs.get('r1')).toEqual(run);
    expect(other.runs.markInterrupted()).toBe(0);
  });

  it('judges an owner by its process on this host and by its heartbeat elsewhere', () => {
    const me = newRunOwner();
    const now = Date.parse('2026-11-29T12:00:00.000Z');
    const ago = (ms: number) => new Date(now - ms).toISOString();
    const row = (pid: number | null, host: string | null, beatAgo: number) => ({ owner_pid: pid, owner_instance: 'other', owner_host: host, heartbeat_at: ago(beatAgo) });
    const alive = () => true;
    const dead = () => false;
    expect(ownerGone({ ...row(process.pid, me.host, 10 * SAME_HOST_STALE_MS), owner_instance: me.instance }, me, now, dead)).toBe(false);
    expect(ownerGone(row(123, me.host, 1000), me, now, dead)).toBe(true);
    expect(ownerGone(row(123, me.host, SAME_HOST_STALE_MS - 1000), me, now, alive)).toBe(false);
    expect(ownerGone(row(123, me.host, SAME_HOST_STALE_MS + 1000), me, now, alive)).toBe(true);
    expect(ownerGone(row(123, 'elsewhere', OTHER_HOST_STALE_MS - 1000), me, now, dead)).toBe(false);
    expect(ownerGone(row(123, 'elsewhere', OTHER_HOST_STALE_MS + 1000), me, now, alive)).toBe(true);
    expect(ownerGone(row(null, null, 0), me, now, alive)).toBe(true);
  });

  it('keeps the heartbeat of a live run fresh', async () => {
    const dir = folder();
    const store = open(dir);
    start(store, 'r1');
    const beat = () => (store.db.prepare('SELECT heartbeat_at FROM runs').get() as { heartbeat_at: string }).heartbeat_at;
    const first = beat();
    record(store, 'r1', 0);
    await sleep(FLUSH_MS + 300);
    expect(Date.parse(beat())).toBeGreaterThan(Date.parse(first));
  });

  it('a store closed while its run goes on ends that run as interrupted, at the close', () => {
    const dir = folder();
    const store = open(dir);
    start(store, 'r1');
    record(store, 'r1', 0);
    const before = Date.now();
    store.close();
    const run = open(dir).runs.get('r1');
    expect(run).toMatchObject({ status: 'failed', interrupted: true, counts: { ok: 1 } });
    expect(Date.parse(run?.finishedAt ?? '')).toBeGreaterThanOrEqual(before - 5);
  });

  it("a second store reads the owner's counts so far (per node and totals) from the run row, within a second", async () => {
    const dir = folder();
    const app = open(dir);
    // What the engine has counted: more read than finished (records still on their way).
    const counts = { read: 5, ok: 2, skipped: 0, failed: 0, nodes: { orders: { in: 0, out: { out: 5 }, skipped: 0, failed: 0, created: 0, updated: 0, unchanged: 0 }, send: { in: 5, out: { out: 2 }, skipped: 0, failed: 0, created: 2, updated: 0, unchanged: 0 } } };
    app.runs.start({ runId: 'r1', flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'cli', startedAt: new Date().toISOString(), countsSoFar: () => counts });
    record(app, 'r1', 0);
    record(app, 'r1', 1);
    await sleep(FLUSH_MS + 300);

    const cli = open(dir);
    const listed = cli.runs.list()[0];
    expect(listed).toMatchObject({ id: 'r1', status: 'running', counts });
    expect(cli.runs.get('r1')?.counts).toEqual(listed?.counts);
    expect(runSummaryOf(listed as RunInfo)).toMatchObject({ read: 5, ok: 2, nodes: counts.nodes });
  });
  it('a run left running by a Sincro without owners (schema 1) is interrupted after the upgrade', () => {
    const dir = folder();
    const v1 = openDatabase(join(dir, DB_FILE), migrations.slice(0, 1));
    v1.prepare("INSERT INTO runs (id, flow_id, flow_name, status, dry_run, trigger, started_at) VALUES ('old', 'f', 'F', 'running', 0, 'cli', '2026-11-01T10:00:00.000Z')").run();
    v1.close();
    expect(open(dir).runs.get('old')).toMatchObject({ status: 'failed', interrupted: true, finishedAt: '2026-11-01T10:00:00.000Z' });
  });
});

describe('what an interrupted run created, from the id ledger', () => {
  const gone = (store: Store, runId: string) => store.db.prepare("UPDATE runs SET owner_pid = ?, owner_instance = 'gone' WHERE id = ?").run(deadPid(), runId);

  it('names the target records it created whose history was lost in the crash', () => {
    const dir = folder();
    const crashed = open(dir);
    start(crashed, 'r1');
    record(crashed, 'r1', 0);
    crashed.runs.flush();
    crashed.ledger.begin('tl:c1', 'invoice', 'o0', 'r1');
    crashed.ledger.commit('tl:c1', 'invoice', 'o0', 't0', 'h', 'r1');
    // Created, confirmed in the ledger, but the process died before its record was written.
    crashed.ledger.begin('tl:c1', 'invoice', 'o1', 'r1');
    crashed.ledger.commit('tl:c1', 'invoice', 'o1', 't1', 'h', 'r1');
    gone(crashed, 'r1');

    const other = open(dir);
    const records = other.runs.records('r1');
    expect(records.map((r) => [r.key, r.action, r.targetId])).toEqual([
      ['o0', 'create', 't0'],
      ['o1', 'create', 't1'],
    ]);
    expect(records[1]).toMatchObject({ node: '(id ledger)', status: 'ok', message: expect.stringContaining('created invoice t1 in tl:c1 before the run was interrupted') });
    expect(other.runs.get('r1')?.counts).toMatchObject({ read: 2, ok: 2 });
    // Its counts agree with the records it kept: both were created, one known only from the ledger.
    const created = Object.values(other.runs.get('r1')?.counts?.nodes ?? {}).reduce((n: number, c) => n + (c as { created: number }).created, 0);
    expect(created).toBe(2);
    expect(other.runs.get('r1')?.error).toContain('2 done, 0 skipped, 0 failed; 2 created');
  });

  it('names it when a later run finds in the target what the interrupted run began creating', () => {
    const dir = folder();
    const crashed = open(dir);
    start(crashed, 'r1');
    crashed.ledger.begin('tl:c1', 'invoice', 'o1', 'r1');
    gone(crashed, 'r1');

    const next = open(dir);
    expect(next.runs.get('r1')).toMatchObject({ interrupted: true, counts: { ok: 0 } });
    start(next, 'r2');
    next.ledger.commit('tl:c1', 'invoice', 'o1', 't1', null, 'r2');
    expect(next.runs.records('r1').map((r) => [r.key, r.action, r.targetId])).toEqual([['o1', 'create', 't1']]);
    expect(next.runs.get('r1')).toMatchObject({ status: 'failed', counts: { ok: 1 }, error: expect.stringContaining('1 done') });
    // Later updates keep naming r1 as the creator; r2's own creates are r2's.
    next.ledger.commit('tl:c1', 'invoice', 'o1', 't1', 'h2', 'r2');
    expect(next.runs.records('r1')).toHaveLength(1);
    expect((next.db.prepare('SELECT created_by FROM id_ledger').get() as { created_by: string }).created_by).toBe('r1');
  });
});

describe('a create claimed in the id ledger, across runs', () => {
  const key = ['tl:c1', 'invoice', 'o1'] as const;

  it('is left to another run still going on, in this process or another; its result is seen once it commits', () => {
    const dir = folder();
    const desktop = open(dir);
    const server = open(dir);
    start(desktop, 'r1');
    start(server, 'r2');
    expect(desktop.ledger.begin(...key, 'r1')).toEqual({ began: true });
    expect(server.ledger.begin(...key, 'r2')).toEqual({ began: false, busyWith: 'r1' });
    expect(desktop.ledger.begin(...key, 'r3')).toEqual({ began: false, busyWith: 'r1' });
    expect(server.ledger.busyWith(...key, 'r2')).toBe('r1');
    expect(desktop.ledger.busyWith(...key, 'r1')).toBeUndefined();
    desktop.ledger.commit(...key, 't1', 'h', 'r1');
    expect(server.ledger.busyWith(...key, 'r2')).toBeUndefined();
    expect(server.ledger.begin(...key, 'r2')).toMatchObject({ began: false, entry: { targetId: 't1', state: 'done' } });
  });

  it('is taken over from a run that ended, or whose process died, without committing', () => {
    const dir = folder();
    const store = open(dir);
    start(store, 'ended');
    store.ledger.begin(...key, 'ended');
    store.runs.finish('ended', { status: 'failed', finishedAt: new Date().toISOString(), counts: { read: 1 } });
    start(store, 'next');
    expect(store.ledger.begin(...key, 'next')).toEqual({ began: true });

    const crashed = open(folder());
    start(crashed, 'died');
    crashed.ledger.begin(...key, 'died');
    crashed.db.prepare("UPDATE runs SET owner_pid = ?, owner_instance = 'gone' WHERE id = 'died'").run(deadPid());
    start(crashed, 'after');
    expect(crashed.ledger.begin(...key, 'after')).toEqual({ began: true });
  });
});
