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
import { purgeRuns, retentionCutoff, type PurgeOptions, type PurgeResult } from './retention';
import { RunRepo } from './runs';
import { ScheduleRepo } from './schedules';
import { FileKeyProvider, SecretBox, type KeyProvider } from './secret-box';
import { SettingsRepo } from './settings';

/** How long the purge after a run may take (about 1,000 old runs on a 2-core machine). */
const PURGE_AFTER_RUN_BUDGET_MS = 3_000;

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
    this.ledger = new SqliteIdLedger(db, this.runs.owner);
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

  private purging: Promise<PurgeResult> | undefined;

  /**
   * Deletes run history (and the scheduler log, and notices) older than the retention setting (or the given days)
   * and reclaims the space, in small steps that leave a run writing meanwhile alone (retention.ts).
   * One purge at a time: a second call waits for the one going on, then does its own.
   */
  async purge(olderThanDays = this.settings.get('retentionDays'), now = Date.now(), opts: PurgeOptions = {}): Promise<PurgeResult> {
    while (this.purging) await this.purging.catch(() => undefined);
    const cutoff = retentionCutoff(olderThanDays, now);
    // Notices go with the history they are about (one per run of like outcomes of a flow: few rows).
    this.notices.purge(cutoff);
    const purging = purgeRuns(this.db, cutoff, opts);
    this.purging = purging;
    try {
      const result = await purging;
      // A purge cut short (its budget, a closed store) is not the day's purge: the next run goes on with it.
      if (result.complete && this.db.open) this.settings.set('lastPurgeAt', new Date(now).toISOString());
      return result;
    } finally {
      this.purging = undefined;
    }
  }

  /**
   * Purges by the retention setting when the last whole purge is more than a day ago (after runs),
   * for at most `budgetMs`: a large backlog goes over several runs rather than holding one up.
   */
  async purgeIfDue(now = Date.now(), budgetMs = PURGE_AFTER_RUN_BUDGET_MS): Promise<PurgeResult | undefined> {
    const last = this.settings.get('lastPurgeAt');
    if (this.purging || (last && now - Date.parse(last) < 86_400_000)) return undefined;
    return this.purge(undefined, now, { budgetMs });
  }

  close(): void {
    this.runs.close();
    closeDatabase(this.db);
  }
}
