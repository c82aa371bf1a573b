/**
 * Sandbox connections ("teamleader-sandbox"): a Teamleader sandbox that just works wherever a flow
 * runs (CLI, desktop app, web host). The first use in a process starts the sandbox on the
 * connection's port with the state of its state file (the demo shop when there is none yet), and
 * every change is saved back to that file: data changes shortly after (debounced), OAuth changes
 * (a rotated refresh token) at once, before the client receives the new pair. So the data and the
 * connection's tokens outlive the process.
 *
 * When the port is already taken by the same sandbox in another process (the desktop app is open
 * while the CLI runs a flow), that one is used: it owns the state file.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { StoredConnection } from '../../engine/services';
import {
  parseConnectionPart,
  secretsFromTokens,
  teamleaderConnectionSecrets,
  teamleaderSandboxConnectionConfig,
  type TeamleaderConnectionSecrets,
  type TeamleaderSandboxConnectionConfig,
} from './connection-settings';
import { demoTeamleaderSeed } from './sandbox/demo-seed';
import { TeamleaderSeedError } from './sandbox/seed-schema';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './sandbox/server';
import { DebouncedSave, readStateFile, writeStateFile } from './sandbox/state-file';

export interface TeamleaderSandboxEndpoint {
  /** The API, /oauth2/authorize and /oauth2/access_token, e.g. http://127.0.0.1:24567 */
  url: string;
  clientId: string;
  clientSecret: string;
}

/** What the app's "add sandbox connection" button and the CLI store. */
export interface NewTeamleaderSandboxConnection {
  kind: 'teamleader-sandbox';
  name: string;
  config: TeamleaderSandboxConnectionConfig;
  secrets: Required<Pick<TeamleaderConnectionSecrets, 'clientId' | 'clientSecret' | 'accessToken' | 'refreshToken' | 'expiresAt'>>;
}

interface Running {
  /** The settings it was started with; changed settings start it again. */
  fingerprint: string;
  endpoint: TeamleaderSandboxEndpoint;
  /** Writes a save that is due (the process is exiting). */
  flushNow(): void;
  close(): Promise<void>;
}

const SAVE_DELAY_MS = 200;
const SANDBOX_NAME = 'Teamleader Focus sandbox (Sincro)';
const running = new Map<string, Promise<Running>>();
/** The sandboxes this process runs, for the exit hook (which cannot wait for promises). */
const owned = new Set<Running>();
let exitHookInstalled = false;

export async function ensureTeamleaderSandbox(connection: StoredConnection): Promise<TeamleaderSandboxEndpoint> {
  const what = `the sandbox connection "${connection.name}"`;
  const config = parseConnectionPart(teamleaderSandboxConnectionConfig, connection.config, what);
  const secrets = parseConnectionPart(teamleaderConnectionSecrets, connection.secrets, what);
  const stateFile = resolve(config.stateFile);
  // Tokens are left out: they rotate while the sandbox runs.
  const fingerprint = JSON.stringify([config.port, stateFile, config.tokenLifetimeSec, secrets.clientId, secrets.clientSecret]);

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
  const starting = start({ ...config, stateFile }, secrets, fingerprint);
  running.set(connection.id, starting);
  starting.catch(() => {
    if (running.get(connection.id) === starting) running.delete(connection.id);
  });
  return (await starting).endpoint;
}

/** Stops every sandbox this process started, after saving its state. */
export async function closeAllTeamleaderSandboxes(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.all(all.map(async (r) => (await r.catch(() => undefined))?.close()));
}

/**
 * A new sandbox connection: a free port, a state file under `<dataDir>/sandboxes/`, the sandbox's
 * own integration (client id and secret) and a token pair issued by it. The sandbox is started
 * once to issue the tokens and save its state, then stopped; the first flow starts it again.
 */
export async function newTeamleaderSandboxConnection(dataDir: string): Promise<NewTeamleaderSandboxConnection> {
  const id = randomBytes(4).toString('hex');
  const clientId = `sincro-sandbox-${id}`;
  const clientSecret = randomBytes(18).toString('base64url');
  const stateFile = join(dataDir, 'sandboxes', `teamleader-${id}.json`);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    let sandbox: TeamleaderSandbox;
    try {
      sandbox = await startTeamleaderSandbox({ port, seed: demoTeamleaderSeed(), clientId, clientSecret, keepProcessAlive: false });
    } catch (error) {
      // Someone took the port between the check and the start: pick another.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
      throw error;
    }
    try {
      const tokens = await sandbox.issueTokens();
      writeStateFile(stateFile, sandbox.snapshot());
      return { kind: 'teamleader-sandbox', name: 'Teamleader sandbox', config: { port, stateFile }, secrets: { clientId, clientSecret, ...secretsFromTokens(tokens) } };
    } finally {
      await sandbox.close();
    }
  }
}

async function start(config: TeamleaderSandboxConnectionConfig, secrets: TeamleaderConnectionSecrets, fingerprint: string): Promise<Running> {
  const { port, stateFile } = config;
  const saved = readStateFile(stateFile);
  let sandbox: TeamleaderSandbox | undefined;
  const save = new DebouncedSave(() => saveState(stateFile, sandbox), SAVE_DELAY_MS);
  try {
    sandbox = await startTeamleaderSandbox({
      port,
      seed: saved ?? demoTeamleaderSeed(),
      clientId: secrets.clientId,
      clientSecret: secrets.clientSecret,
      ...(config.tokenLifetimeSec ? { tokenLifetimeSec: config.tokenLifetimeSec } : {}),
      onChange: (what) => (what === 'tokens' ? save.now() : save.schedule()),
      keepProcessAlive: false,
    });
  } catch (error) {
    if (error instanceof TeamleaderSeedError) {
      throw new Error(`the Teamleader sandbox state file ${stateFile} does not hold valid sandbox data: ${error.message}. Fix it, or delete it to start again from the demo data (the connection then needs to be connected again).`);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return borrow(port, secrets, fingerprint);
    throw error;
  }
  const own = sandbox;
  // A new state file holds the sandbox's client from the start, so the connection survives a crash.
  if (saved === undefined) saveState(stateFile, own);
  installExitHook();
  const started: Running = {
    fingerprint,
    endpoint: { url: own.url, clientId: own.clientId, clientSecret: own.clientSecret },
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

function saveState(stateFile: string, sandbox: TeamleaderSandbox | undefined): void {
  if (!sandbox) return;
  try {
    writeStateFile(stateFile, sandbox.snapshot());
  } catch (error) {
    // A failed save must not bring down the run that made the change; the next change tries again.
    process.emitWarning(`the Teamleader sandbox could not save its data to ${stateFile}: ${(error as Error).message}`);
  }
}

/** The port is taken: use it when the same sandbox answers there, otherwise say who is in the way. */
async function borrow(port: number, secrets: TeamleaderConnectionSecrets, fingerprint: string): Promise<Running> {
  const url = `http://127.0.0.1:${port}`;
  let same = false;
  try {
    const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { name?: unknown; oauth?: { clientId?: unknown } };
    same = body.name === SANDBOX_NAME && body.oauth?.clientId === secrets.clientId;
  } catch {
    same = false;
  }
  if (!same) {
    throw new Error(`port ${port} is in use by another program, so the Teamleader sandbox cannot start there. Choose another port for the sandbox connection, or stop that program.`);
  }
  return { fingerprint, endpoint: { url, clientId: secrets.clientId, clientSecret: secrets.clientSecret }, flushNow: () => undefined, close: () => Promise.resolve() };
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
