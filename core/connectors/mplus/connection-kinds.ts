/**
 * The kinds of MplusKASSA connection a user can store: "mplus" (a real MplusKASSA API: its address
 * with the port, ident and secret) and "mplus-sandbox" (a sandbox Sincro starts itself, sandbox-connection.ts).
 * Both end up as the same thing for the nodes: an address and credentials for MplusClient.
 */
import type { StoredConnection } from '../../engine/services';
import type { ConnectionKind, ConnectionTestResult } from '../connection-kind';
import { MplusClient } from './client';
import {
  mplusBaseUrl,
  mplusConnectionConfig,
  mplusConnectionSecrets,
  mplusSandboxConnectionConfig,
  MplusConnectionSettingsError,
  parseConnectionPart,
  parseMplusConfig,
  upgradeMplusConfig,
} from './connection-settings';
import { ensureMplusSandbox } from './sandbox-connection';
import type { MplusClientOptions } from './soap-caller';

export { closeAllMplusSandboxes, ensureMplusSandbox, newMplusSandboxConnection, type MplusEndpoint, type NewMplusSandboxConnection } from './sandbox-connection';

export const mplusConnectionKindIds = ['mplus', 'mplus-sandbox'] as const;

const TEST_TIMEOUT_MS = 10_000;

/** Where and how to reach the MplusKASSA of a stored connection (starts the sandbox of a sandbox connection). */
export async function mplusEndpointOf(connection: StoredConnection): Promise<Pick<MplusClientOptions, 'baseUrl' | 'ident' | 'secret'>> {
  const what = `the MplusKASSA connection "${connection.name}"`;
  if (connection.kind === 'mplus-sandbox') {
    const { url, ident, secret } = await ensureMplusSandbox(connection);
    return { baseUrl: url, ident, secret };
  }
  if (connection.kind !== 'mplus') throw new MplusConnectionSettingsError(`the connection "${connection.name}" is a ${connection.kind} connection, not an MplusKASSA one`);
  const config = parseMplusConfig(connection.config, what);
  const secrets = parseConnectionPart(mplusConnectionSecrets, connection.secrets, what);
  return { baseUrl: mplusBaseUrl(config), ...secrets };
}

async function testConnection(connection: StoredConnection, signal: AbortSignal | undefined, onOk?: (message: string) => string): Promise<ConnectionTestResult> {
  let client: MplusClient;
  try {
    client = new MplusClient({ ...(await mplusEndpointOf(connection)), timeoutMs: TEST_TIMEOUT_MS, signal });
  } catch (error) {
    return { ok: false, message: sentence(error instanceof Error ? error.message : String(error)) };
  }
  const verdict = await client.testConnection();
  return { ok: verdict.ok, message: verdict.ok && onOk ? onOk(verdict.message) : verdict.message };
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

export const mplusConnectionKind: ConnectionKind = {
  kind: 'mplus',
  app: 'mplus',
  title: 'MplusKASSA',
  config: mplusConnectionConfig,
  secrets: mplusConnectionSecrets,
  test: (connection, signal) => testConnection(connection, signal),
  upgradeConfig: upgradeMplusConfig,
};

export const mplusSandboxConnectionKind: ConnectionKind = {
  kind: 'mplus-sandbox',
  app: 'mplus',
  title: 'MplusKASSA sandbox',
  config: mplusSandboxConnectionConfig,
  secrets: mplusConnectionSecrets,
  test: (connection, signal) =>
    testConnection(connection, signal, () => {
      const config = mplusSandboxConnectionConfig.parse(connection.config);
      return `The MplusKASSA sandbox is running on 127.0.0.1:${config.port}; it keeps its data in ${config.stateFile}.`;
    }),
};

export const mplusConnectionKinds: ConnectionKind[] = [mplusConnectionKind, mplusSandboxConnectionKind];
