/**
 * Sandbox connections ("mplus-sandbox"): an MplusKASSA sandbox that just works wherever a flow
 * runs (CLI, desktop app, web host). The first use in a process starts the sandbox on the
 * connection's port with the data of its state file (the demo shop when there is none yet), and
 * every change is saved back to that file, so the data outlives the process.
 *
 * When the port is already taken by the same sandbox in another process (the desktop app is open
 * while the CLI runs a flow), that one is used: it owns the state file.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { StoredConnection } from '../../engine/services';
import { MplusClient } from './client';
import { mplusConnectionSecrets, mplusSandboxConnectionConfig, parseConnectionPart, type MplusConnectionSecrets, type MplusSandboxConnectionConfig } from './connection-settings';
import { demoMplusSeed } from './sandbox/demo-seed';
import { MplusSeedError } from './sandbox/seed';
import { startMplusSandbox, type MplusSandbox } from './sandbox/server';
import { DebouncedSave, readStateFile, writeStateFile } from './sandbox/state-file';

export interface MplusEndpoint {
  url: string;
  ident: string;
  secret: string;
}

/** What the app's "add sandbox connection" button and the CLI store. */
export interface NewMplusSandboxConnection {
  kind: 'mplus-sandbox';
  name: string;
  config: MplusSandboxConnectionConfig;
  secrets: MplusConnectionSecrets;
}

interface Running {
  /** The settings it was started with; changed settings start it again. */
  fingerprint: string;
  endpoint: MplusEndpoint;
  /** Writes a save that is due (the process is exiting). */
  flushNow(): void;
  close(): Promise<void>;
}

const SAVE_DELAY_MS = 200;
const running = new Map<string, Promise<Running>>();
/** The sandboxes this process runs, for the exit hook (which cannot wait for promises). */
const owned = new Set<Running>();
let exitHookInstalled = false;

export async function ensureMplusSandbox(connection: StoredConnection): Promise<MplusEndpoint> {
  const what = `the sandbox connection "${connection.name}"`;
  const config = parseConnectionPart(mplusSandboxConnectionConfig, connection.config, what);
  const secrets = parseConnectionPart(mplusConnectionSecrets, connection.secrets, what);
  const stateFile = resolve(config.stateFile);
  const fingerprint = JSON.stringify([config.port, stateFile, secrets.ident, secrets.secret]);

  const current = running.get(connection.id);
  if (current) {
    const started = await current.catch(() => undefined);
    if (started?.fingerprint === fingerprint) return started.endpoint;
    if (running.get(connection.id) === current) running.delete(connection.id);
    await started?.close();
  }
  // Concurrent callers (several nodes of one run) share one start.
  const again = running.get(connection.id);
  if (again) return (await again).endpoint;
  const starting = start(config.port, stateFile, secrets, fingerprint);
  running.set(connection.id, starting);
  starting.catch(() => {
    if (running.get(connection.id) === starting) running.delete(connection.id);
  });
  return (await starting).endpoint;
}

/** Stops every sandbox this process started, after saving its state. */
export async function closeAllMplusSandboxes(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.all(all.map(async (r) => (await r.catch(() => undefined))?.close()));
}

export async function newMplusSandboxConnection(dataDir: string): Promise<NewMplusSandboxConnection> {
  const id = randomBytes(4).toString('hex');
  return {
    kind: 'mplus-sandbox',
    name: 'MplusKASSA sandbox',
    config: { port: await freePort(), stateFile: join(dataDir, 'sandboxes', `mplus-${id}.json`) },
    secrets: { ident: `sandbox-${id}`, secret: randomBytes(18).toString('base64url') },
  };
}

async function start(port: number, stateFile: string, secrets: MplusConnectionSecrets, fingerprint: string): Promise<Running> {
  const saved = readStateFile(stateFile);
  let sandbox: MplusSandbox | undefined;
  const save = new DebouncedSave(() => saveState(stateFile, sandbox), SAVE_DELAY_MS);
  try {
    sandbox = await startMplusSandbox({
      port,
      seed: saved ?? demoMplusSeed(),
      ident: secrets.ident,
      secret: secrets.secret,
      onChange: () => save.schedule(),
      keepProcessAlive: false,
    });
  } catch (error) {
    if (error instanceof MplusSeedError) throw new Error(`the sandbox state file ${stateFile} does not hold valid sandbox data: ${error.problems.join('; ')}. Fix it, or delete it to start again from the demo data.`);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return borrow(port, secrets, fingerprint);
    throw error;
  }
  const own = sandbox;
  if (saved === undefined) writeStateFile(stateFile, own.snapshot());
  installExitHook();
  const started: Running = {
    fingerprint,
    endpoint: { url: own.url, ident: own.ident, secret: own.secret },
    flushNow: () => save.flush(),
    close: async () => {
      owned.delete(started);
      await own.close();
      save.cancel();
      saveState(stateFile, own);
    },
  };
  owned.add(started);
  return started;
}

function saveState(stateFile: string, sandbox: MplusSandbox | undefined): void {
  if (!sandbox) return;
  try {
    writeStateFile(stateFile, sandbox.snapshot());
  } catch (error) {
    // A failed save must not bring down the run that made the change; the next change tries again.
    process.emitWarning(`the MplusKASSA sandbox could not save its data to ${stateFile}: ${(error as Error).message}`);
  }
}

/** The port is taken: use it when the same sandbox answers there, otherwise say who is in the way. */
async function borrow(port: number, secrets: MplusConnectionSecrets, fingerprint: string): Promise<Running> {
  const url = `http://127.0.0.1:${port}`;
  const verdict = await new MplusClient({ baseUrl: url, ...secrets, timeoutMs: 3000 }).testConnection();
  if (!verdict.ok) {
    throw new Error(`port ${port} is in use by another program, so the MplusKASSA sandbox cannot start there. Choose another port for the sandbox connection, or stop that program.`);
  }
  return { fingerprint, endpoint: { url, ...secrets }, flushNow: () => undefined, close: () => Promise.resolve() };
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers may only do synchronous work; the saves are synchronous.
  process.on('exit', () => {
    for (const r of owned) r.flushNow();
  });
}

/** A port outside the ranges operating systems hand out for outgoing connections, free right now. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = 20000 + Math.floor(Math.random() * 10000);
    if (await canListen(candidate)) return candidate;
  }
  return listenOnce(0);
}

function canListen(port: number): Promise<boolean> {
  return listenOnce(port).then(
    () => true,
    () => false,
  );
}

function listenOnce(port: number): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => done(chosen));
    });
  });
}
