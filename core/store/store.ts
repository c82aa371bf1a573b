/**
 * The local store: one SQLite file in the data folder holding connections (secrets encrypted),
 * flows with versions, run history, the id ledger, sync cursors and settings.
 */
import { join } from 'node:path';
import type { RunServices } from '../engine/services';
import { ConnectionRepo } from './connections';
import { SqliteCursorStore } from './cursors';
import { closeDatabase, openDatabase, type Db } from './database';
import { FlowRepo } from './flows';
import { SqliteIdLedger } from './id-ledger';
import { NoticeRepo } from './notices';
import { purgeRuns, type PurgeResult } from './retention';
import { RunRepo } from './runs';
import { ScheduleRepo } from './schedules';
import { FileKeyProvider, SecretBox, type KeyProvider } from './secret-box';
import { SettingsRepo } from './settings';

export const DB_FILE = 'sincro.db';

export interface OpenStoreOptions {
  dataDir: string;
  /** Defaults to the 0600 key file in the data folder; the desktop app passes the OS keychain's key. */
  keys?: KeyProvider;
}

export class Store {
  readonly connections: ConnectionRepo;
  readonly flows: FlowRepo;
  readonly runs: RunRepo;
  readonly ledger: SqliteIdLedger;
  readonly cursors: SqliteCursorStore;
  readonly settings: SettingsRepo;
  readonly notices: NoticeRepo;
  readonly schedules: ScheduleRepo;

  private constructor(
    readonly db: Db,
    readonly dataDir: string,
    keys: KeyProvider,
  ) {
    this.connections = new ConnectionRepo(db, new SecretBox(keys));
    this.flows = new FlowRepo(db);
    this.runs = new RunRepo(db);
    this.ledger = new SqliteIdLedger(db);
    this.cursors = new SqliteCursorStore(db);
    this.settings = new SettingsRepo(db);
    this.notices = new NoticeRepo(db);
    this.schedules = new ScheduleRepo(db);
  }

  static open(opts: OpenStoreOptions): Store {
    const db = openDatabase(join(opts.dataDir, DB_FILE));
    const store = new Store(db, opts.dataDir, opts.keys ?? new FileKeyProvider(opts.dataDir));
    store.runs.markInterrupted();
    // A new store has no history to purge: the first purge is due a day from now, not after run one.
    if (store.settings.get('lastPurgeAt') === null) store.settings.set('lastPurgeAt', new Date().toISOString());
    return store;
  }

  runServices(): RunServices {
    return { ledger: this.ledger, cursors: this.cursors, connections: this.connections, recorder: this.runs };
  }

  /** Deletes run history older than the retention setting (or the given days) and reclaims the space. */
  purge(olderThanDays = this.settings.get('retentionDays'), now = Date.now()): PurgeResult {
    const result = purgeRuns(this.db, olderThanDays, new Date(now));
    this.notices.purge(result.cutoff);
    this.settings.set('lastPurgeAt', new Date(now).toISOString());
    return result;
  }

  /** Purges by the retention setting when the last purge is more than a day ago (after runs). */
  purgeIfDue(now = Date.now()): PurgeResult | undefined {
    const last = this.settings.get('lastPurgeAt');
    if (last && now - Date.parse(last) < 86_400_000) return undefined;
    return this.purge(undefined, now);
  }

  close(): void {
    this.runs.close();
    closeDatabase(this.db);
  }
}
