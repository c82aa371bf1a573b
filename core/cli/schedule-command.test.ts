/**
 * `sincro schedule list | log | run`. The scheduler runs as real `sincro schedule run` processes:
 * one holds the data folder and fires, a second says who holds it and fires nothing, takes over
 * when the first is killed, and exits 0 on SIGTERM or SIGINT with nothing left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulerHolder } from '../store/scheduler-lock';
import { Store } from '../store/store';
import { tempDir } from '../testing/golden';
import { sincroIn } from '../testing/cli-call';

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = tempDir('sincro-schedule-');
  dataDir = join(dir.path, 'data');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  dir.remove();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, test: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function importFlow(id: string, schedule: Record<string, unknown>): Promise<void> {
  const file = join(dir.path, `${id}.json`);
  writeFileSync(file, JSON.stringify({ schemaVersion: 1, id, name: `Flow ${id}`, nodes: [{ id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }] } }], edges: [], schedule }));
  expect((await sincroIn(dataDir, 'flows', 'import', file)).code).toBe(0);
}

function scheduleRun() {
  const child = spawn(process.execPath, [resolve('bin/sincro.js'), 'schedule', 'run', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

const ranLines = (out: string) => out.split('\n').filter((l) => / Flow f: ran, run /.test(l)).length;

function withStore<T>(fn: (store: Store) => T): T {
  const store = Store.open({ dataDir });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

describe('sincro schedule list and log', () => {
  it("shows each flow's schedule in words with its next three run times, and who runs the schedules", async () => {
    await importFlow('daily', { enabled: true, cron: '0 6 * * *', timezone: 'Europe/Amsterdam', catchUp: 'skip' });
    await importFlow('off', { enabled: false, cron: '*/15 * * * *' });
    const listed = await sincroIn(dataDir, 'schedule', 'list');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/Flow daily \(daily\)\s+Every day at 06:00 \(Europe\/Amsterdam\)\s+skip\s+(\d{4}-\d\d-\d\d 06:00 CES?T, ){2}\d{4}-\d\d-\d\d 06:00 CES?T/);
    expect(listed.out).toMatch(/Flow off \(off\)\s+off \(Every 15 minutes\)\s+run once/);
    expect(listed.out).toContain('No scheduler is running for this data folder');

    const json = JSON.parse((await sincroIn(dataDir, 'schedule', 'list', '--json')).out) as { flows: Array<{ flowId: string; nextRuns: string[]; catchUp: string }>; holder: unknown };
    const daily = json.flows.find((f) => f.flowId === 'daily');
    expect(daily?.nextRuns).toHaveLength(3);
    const times = (daily?.nextRuns ?? []).map((t) => Date.parse(t));
    expect(times[1]! - times[0]!).toBe(86_400_000);
    expect(times[0]!).toBeGreaterThan(Date.now());
    expect(json.holder).toBeNull();
  });

  it('refuses an unknown flow naming the closest one', async () => {
    await importFlow('daily', { enabled: true, cron: '0 6 * * *' });
    const r = await sincroIn(dataDir, 'schedule', 'log', '--flow', 'dayly');
    expect(r.code).toBe(2);
    expect(r.err).toContain('There is no flow "dayly" (did you mean "daily"?)');
    expect((await sincroIn(dataDir, 'schedule', 'log')).out).toContain('Nothing in the scheduler log yet.');
  });
});

describe('sincro schedule run', () => {
  it('fires from one process only; a second waits naming the holder and takes over when it is killed; SIGTERM and SIGINT exit 0', { timeout: 180_000 }, async () => {
    await importFlow('f', { enabled: true, cron: '* * * * * *', timezone: 'UTC' });
    const first = scheduleRun();
    await until('the first scheduler to fire twice', () => ranLines(first.out()) >= 2);
    expect(first.out()).toContain('Running the schedules of this data folder.');

    const second = scheduleRun();
    await until('the second scheduler to say who holds the lock', () => /are run by sincro schedule run \(pid \d+ on .+, since .+\)\. Waiting/.test(second.out()));
    expect(second.out()).toContain(`pid ${first.child.pid}`);
    await sleep(3000);
    expect(ranLines(second.out())).toBe(0);
    // `sincro schedule list` names the holder too.
    expect((await sincroIn(dataDir, 'schedule', 'list')).out).toContain(`are run by sincro schedule run (pid ${first.child.pid}`);

    first.child.kill('SIGKILL');
    await first.exited;
    // Its process is gone: the second takes over at its next wake (at most 5 s), without waiting for a stale heartbeat.
    await until('the second scheduler to take over', () => /Took over the schedules from sincro schedule run \(pid \d+/.test(second.out()), 30_000);
    await until('the second scheduler to fire', () => ranLines(second.out()) >= 2);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.out()).toMatch(/SIGTERM: stopping[\s\S]*Stopped\./);

    withStore((store) => {
      // Each planned second ran at most once, and every run ended (the killed one's as interrupted).
      const planned = store.schedules.log({ flowId: 'f', limit: 10_000 }).filter((e) => e.outcome === 'fired').map((e) => e.plannedAt);
      expect(new Set(planned).size).toBe(planned.length);
      expect(store.runs.list({ flowId: 'f', status: 'running' })).toEqual([]);
      // The lock was let go: the next scheduler starts at once.
      expect(schedulerHolder(store.db)).toBeUndefined();
    });

    const third = scheduleRun();
    await until('a third scheduler to run the schedules', () => third.out().includes('Running the schedules of this data folder.'));
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
  });
});
