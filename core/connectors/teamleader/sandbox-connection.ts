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
import { join, resolve } from 'node:path';
import type { StoredConnection } from '../../engine/services';
import { DebouncedSave, readStateFile, writeStateFile } from '../shared/state-file';
import { freePort } from '../shared/free-port';
import { ownedSandbox, RunningSandboxes, saveSandboxState, type RunningSandbox } from '../shared/running-sandboxes';
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

type Running = RunningSandbox<TeamleaderSandboxEndpoint>;

const SAVE_DELAY_MS = 200;
const SANDBOX_NAME = 'Teamleader Focus sandbox (Sincro)';
const STATE_FILE = 'the Teamleader sandbox state file';
const sandboxes = new RunningSandboxes<TeamleaderSandboxEndpoint>();

export async function ensureTeamleaderSandbox(connection: StoredConnection): Promise<TeamleaderSandboxEndpoint> {
  const what = `the sandbox connection "${connection.name}"`;
  const config = parseConnectionPart(teamleaderSandboxConnectionConfig, connection.config, what);
  const secrets = parseConnectionPart(teamleaderConnectionSecrets, connection.secrets, what);
  const stateFile = resolve(config.stateFile);
  // Tokens are left out: they rotate while the sandbox runs.
  const fingerprint = JSON.stringify([config.port, stateFile, config.tokenLifetimeSec, secrets.clientId, secrets.clientSecret]);
  return sandboxes.ensure(connection.id, fingerprint, () => start({ ...config, stateFile }, secrets, fingerprint));
}

/** Stops every sandbox this process started, after saving its state. */
export function closeAllTeamleaderSandboxes(): Promise<void> {
  return sandboxes.closeAll();
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
  const saved = readStateFile(stateFile, STATE_FILE);
  let sandbox: TeamleaderSandbox | undefined;
  const save = new DebouncedSave(() => saveState(stateFile, sandbox), SAVE_DELAY_MS);
  try {
    sandbox = await startTeamleaderSandbox({
      port,
      seed: saved ?? demoTeamleaderSeed(),
      clientId: secrets.clientId,
      clientSecret: secrets.clientSecret,
      ...(config.tokenLifetimeSec ? { tokenLifetimeSec: config.tokenLifetimeSec } : {}),
      ...(config.requestsPerMinute ? { rateLimit: { limit: config.requestsPerMinute, windowMs: 60_000 } } : {}),
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
  const endpoint = { url: own.url, clientId: own.clientId, clientSecret: own.clientSecret };
  return ownedSandbox({ fingerprint, endpoint, close: () => own.close() }, save, () => saveState(stateFile, own));
}

function saveState(stateFile: string, sandbox: TeamleaderSandbox | undefined): void {
  if (sandbox) saveSandboxState(stateFile, () => sandbox.snapshot(), 'Teamleader');
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
