/**
 * Stored connections to apps. Non-secret settings are plain JSON; secret fields are sealed with
 * the SecretBox and only ever decrypted inside core, for a run or a connection test.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionInfo, ConnectionTestInfo } from '../api/contract';
import type { ConnectionStore, StoredConnection } from '../engine/services';
import type { Db } from './database';
import type { SecretBox } from './secret-box';
import { parseStoredJson, tryParseStoredJson } from './stored-json';

/** What may leave core: which secret fields are set, never their values (the API contract's shape). */
export type { ConnectionInfo };

interface Row {
  id: string;
  kind: string;
  name: string;
  config: string;
  secret: Buffer | null;
  created_at: string;
  updated_at: string;
  last_test: string | null;
}

export interface NewConnection {
  id?: string;
  kind: string;
  name: string;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

export class ConnectionRepo implements ConnectionStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  add(c: NewConnection): ConnectionInfo {
    const id = c.id ?? `conn_${randomUUID().slice(0, 8)}`;
    const now = new Date().toISOString();
    this.db
      .prepare('INSERT INTO connections (id, kind, name, config, secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, c.kind, c.name, JSON.stringify(c.config ?? {}), c.secrets ? this.box.seal(c.secrets, id) : null, now, now);
    return this.info(id) as ConnectionInfo;
  }

  list(): ConnectionInfo[] {
    return (this.db.prepare('SELECT * FROM connections ORDER BY name').all() as Row[]).map((r) => this.toInfo(r));
  }

  info(id: string): ConnectionInfo | undefined {
    const row = this.row(id);
    return row && this.toInfo(row);
  }

  get(id: string): StoredConnection | undefined {
    const row = this.row(id);
    if (!row) return undefined;
    return { id: row.id, kind: row.kind, name: row.name, config: this.configOf(row), secrets: row.secret ? this.box.open(row.secret, row.id) : {} };
  }

  /**
   * Changes the name, settings or secrets (merged: a secret not given stays; `dropSecrets` are
   * removed). A change of settings or secrets forgets the last test: it was of the old ones.
   */
  update(id: string, patch: { name?: string; config?: Record<string, unknown>; secrets?: Record<string, string>; dropSecrets?: readonly string[] }): ConnectionInfo {
    const current = this.get(id);
    if (!current) throw new Error(`there is no connection "${id}"`);
    const secrets = { ...current.secrets, ...patch.secrets };
    for (const name of patch.dropSecrets ?? []) delete secrets[name];
    const changed = patch.config !== undefined || Object.keys(patch.secrets ?? {}).length > 0 || (patch.dropSecrets?.length ?? 0) > 0;
    this.db
      .prepare(`UPDATE connections SET name = ?, config = ?, secret = ?, updated_at = ?${changed ? ', last_test = NULL' : ''} WHERE id = ?`)
      .run(patch.name ?? current.name, JSON.stringify(patch.config ?? current.config), this.box.seal(secrets, id), new Date().toISOString(), id);
    return this.info(id) as ConnectionInfo;
  }

  /** One UPDATE statement, so a rotated token is either fully saved or not at all. */
  updateSecrets(id: string, secrets: Record<string, string>): void {
    const current = this.get(id);
    if (!current) throw new Error(`there is no connection "${id}"`);
    this.db.prepare('UPDATE connections SET secret = ?, updated_at = ? WHERE id = ?').run(this.box.seal({ ...current.secrets, ...secrets }, id), new Date().toISOString(), id);
  }

  /** Keeps a test's (or sign-in's) answer with the connection, for its card. */
  recordTest(id: string, result: { ok: boolean; message: string }, at = new Date()): ConnectionTestInfo {
    const test = { ok: result.ok, message: result.message, at: at.toISOString() };
    this.db.prepare('UPDATE connections SET last_test = ? WHERE id = ?').run(JSON.stringify(test), id);
    return test;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }

  private row(id: string): Row | undefined {
    return this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as Row | undefined;
  }

  private toInfo(r: Row): ConnectionInfo {
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      config: this.configOf(r),
      secretFields: r.secret ? Object.keys(this.box.open(r.secret, r.id)) : [],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastTest: r.last_test ? lastTestOf(r) : null,
    };
  }

  /** A connection whose settings cannot be read cannot be run or edited without losing them: the file is damaged (exit 3). */
  private configOf(r: Row): Record<string, unknown> {
    return parseStoredJson<Record<string, unknown>>(r.config, { table: 'connections', row: r.id, column: 'config' }, this.db.name);
  }
}

/** Only the last test's answer: a damaged one is shown as such on the connection's card, which stays usable. */
function lastTestOf(r: Row): ConnectionTestInfo {
  const parsed = tryParseStoredJson<ConnectionTestInfo>(r.last_test ?? '');
  return parsed.ok ? parsed.value : { ok: false, message: `History damaged: the last test's answer (connections ${r.id}, column last_test) cannot be read. Test the connection again.`, at: r.updated_at };
}
