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
import { join, resolve } from 'node:path';
import type { StoredConnection } from '../../engine/services';
import { DebouncedSave, readStateFile, writeStateFile } from '../shared/state-file';
import { freePort } from '../shared/free-port';
import { ownedSandbox, RunningSandboxes, saveSandboxState, type RunningSandbox } from '../shared/running-sandboxes';
import { MplusClient } from './client';
import { mplusConnectionSecrets, mplusSandboxConnectionConfig, parseConnectionPart, type MplusConnectionSecrets, type MplusSandboxConnectionConfig } from './connection-settings';
import { demoMplusSeed } from './sandbox/demo-seed';
import { MplusSeedError } from './sandbox/seed';
import { startMplusSandbox, type MplusSandbox } from './sandbox/server';

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

type Running = RunningSandbox<MplusEndpoint>;

const SAVE_DELAY_MS = 200;
const sandboxes = new RunningSandboxes<MplusEndpoint>();

export async function ensureMplusSandbox(connection: StoredConnection): Promise<MplusEndpoint> {
  const what = `the sandbox connection "${connection.name}"`;
  const config = parseConnectionPart(mplusSandboxConnectionConfig, connection.config, what);
  const secrets = parseConnectionPart(mplusConnectionSecrets, connection.secrets, what);
  const stateFile = resolve(config.stateFile);
  const fingerprint = JSON.stringify([config.port, stateFile, secrets.ident, secrets.secret]);
  return sandboxes.ensure(connection.id, fingerprint, () => start(config.port, stateFile, secrets, fingerprint));
}

/** Stops every sandbox this process started, after saving its state. */
export function closeAllMplusSandboxes(): Promise<void> {
  return sandboxes.closeAll();
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
  return ownedSandbox({ fingerprint, endpoint: { url: own.url, ident: own.ident, secret: own.secret }, close: () => own.close() }, save, () => saveState(stateFile, own));
}

function saveState(stateFile: string, sandbox: MplusSandbox | undefined): void {
  if (sandbox) saveSandboxState(stateFile, () => sandbox.snapshot(), 'MplusKASSA');
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
