/**
 * Numbered schema migrations; `PRAGMA user_version` holds the number applied. Append only: a
 * released migration is never edited, a change is a new entry.
 */
export const migrations: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE connections (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL,
        name       TEXT NOT NULL,
        config     TEXT NOT NULL DEFAULT '{}',
        secret     BLOB,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE flows (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        current_version INTEGER NOT NULL,
        -- The folder relative file paths in the flow start from (where its file was imported from).
        base_dir        TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE TABLE flow_versions (
        flow_id  TEXT NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
        version  INTEGER NOT NULL,
        document TEXT NOT NULL,
        hash     TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        note     TEXT,
        PRIMARY KEY (flow_id, version)
      );
      -- Runs outlive their flow (the history stays when a flow is deleted), so no foreign key.
      CREATE TABLE runs (
        id           TEXT PRIMARY KEY,
        flow_id      TEXT NOT NULL,
        flow_version INTEGER,
        flow_name    TEXT NOT NULL,
        status       TEXT NOT NULL,
        dry_run      INTEGER NOT NULL,
        trigger      TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        finished_at  TEXT,
        counts       TEXT,
        error        TEXT
      );
      CREATE INDEX runs_by_flow ON runs(flow_id, started_at);
      CREATE INDEX runs_by_start ON runs(started_at);
      CREATE TABLE run_records (
        id          INTEGER PRIMARY KEY,
        run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        source_key  TEXT NOT NULL,
        source_node TEXT NOT NULL,
        status      TEXT NOT NULL,
        node        TEXT NOT NULL,
        port        TEXT,
        action      TEXT,
        target_id   TEXT,
        message     TEXT,
        lineage     TEXT NOT NULL
      );
      CREATE UNIQUE INDEX run_records_by_run ON run_records(run_id, seq);
      CREATE INDEX run_records_by_key ON run_records(source_key);
      CREATE TABLE id_ledger (
        scope      TEXT NOT NULL,
        entity     TEXT NOT NULL,
        source_id  TEXT NOT NULL,
        target_id  TEXT,
        hash       TEXT,
        state      TEXT NOT NULL CHECK (state IN ('pending', 'done')),
        run_id     TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scope, entity, source_id)
      );
      CREATE INDEX id_ledger_by_target ON id_ledger(scope, entity, target_id);
      CREATE TABLE sync_cursors (
        flow_id    TEXT NOT NULL,
        node_id    TEXT NOT NULL,
        name       TEXT NOT NULL,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (flow_id, node_id, name)
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- Who runs a run in progress (process id, a random id per open store, host) and when it last
      -- showed it was alive: only a run whose owner is gone is marked interrupted by another process.
      ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
      ALTER TABLE runs ADD COLUMN owner_instance TEXT;
      ALTER TABLE runs ADD COLUMN owner_host TEXT;
      ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
      ALTER TABLE runs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX runs_in_progress ON runs(status) WHERE status = 'running';
      -- The run that began creating the target record: kept when a later run confirms or updates it,
      -- so the history can name the run that created a record even when a crash lost its entry.
      ALTER TABLE id_ledger ADD COLUMN created_by TEXT;
      CREATE INDEX id_ledger_by_creator ON id_ledger(created_by) WHERE created_by IS NOT NULL;
    `,
  },
  {
    version: 3,
    sql: `
      -- Records' lineages, compressed together per flush of a run (lineage-chunks.ts); a record
      -- row names its chunk and line. Older rows keep their lineage as text.
      CREATE TABLE run_lineage (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        chunk  INTEGER NOT NULL,
        data   BLOB NOT NULL,
        PRIMARY KEY (run_id, chunk)
      );
      ALTER TABLE run_records ADD COLUMN lineage_chunk INTEGER;
      ALTER TABLE run_records ADD COLUMN lineage_index INTEGER;
    `,
  },
  {
    version: 5,
    sql: `
      -- Run history at volume: every filter of the runs list (flow, outcome, who started it, and
      -- the date range on started_at) is a range of one index, read newest first, so a page never
      -- scans the table. started_by is what the list filters by (manual, schedule, retry); trigger
      -- keeps the detail (cli, dry run, demo). A retry names the run whose failed records it ran.
      ALTER TABLE runs ADD COLUMN started_by TEXT NOT NULL DEFAULT 'manual';
      ALTER TABLE runs ADD COLUMN retry_of TEXT;
      UPDATE runs SET started_by = trigger WHERE trigger IN ('schedule', 'retry');
      CREATE INDEX runs_by_status ON runs(status, started_at);
      CREATE INDEX runs_by_started_by ON runs(started_by, started_at);
      CREATE INDEX runs_by_flow_status ON runs(flow_id, status, started_at);
      CREATE INDEX runs_by_flow_started_by ON runs(flow_id, started_by, started_at);
      CREATE INDEX runs_by_status_started_by ON runs(status, started_by, started_at);
      CREATE INDEX runs_by_flow_status_started_by ON runs(flow_id, status, started_by, started_at);
      CREATE INDEX runs_retries ON runs(retry_of) WHERE retry_of IS NOT NULL;
      -- A record's human key (order reference, email, SKU) beside its source id, found either way;
      -- compared without regard to case, as people type them.
      ALTER TABLE run_records ADD COLUMN label TEXT COLLATE NOCASE;
      CREATE INDEX run_records_by_label ON run_records(label) WHERE label IS NOT NULL;
      -- A run's failed (and skipped) records without reading the rest: the retry, the filters.
      CREATE INDEX run_records_failed ON run_records(run_id, seq) WHERE status = 'failed';
      CREATE INDEX run_records_skipped ON run_records(run_id, seq) WHERE status = 'skipped';
      -- The in-app inbox: one notice per outcome of a flow, repeated outcomes merged into it
      -- (count) while it is open, i.e. until the flow's outcome changes.
      CREATE TABLE notices (
        id             INTEGER PRIMARY KEY,
        flow_id        TEXT,
        flow_name      TEXT,
        outcome        TEXT NOT NULL,
        level          TEXT NOT NULL,
        title          TEXT NOT NULL,
        message        TEXT NOT NULL,
        run_id         TEXT,
        first_run_id   TEXT,
        count          INTEGER NOT NULL DEFAULT 1,
        failed_records INTEGER NOT NULL DEFAULT 0,
        open           INTEGER NOT NULL DEFAULT 1,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        read_at        TEXT
      );
      CREATE INDEX notices_by_time ON notices(updated_at);
      CREATE INDEX notices_unread ON notices(updated_at) WHERE read_at IS NULL;
      CREATE INDEX notices_open ON notices(flow_id) WHERE open = 1;
    `,
  },
  {
    version: 6,
    sql: `
      -- The editor window whose edit session saved a version (flows.ts): its later saves replace
      -- that version instead of adding one per change. NULL: a version of its own, kept as it is.
      ALTER TABLE flow_versions ADD COLUMN edit_session TEXT;
      -- A connection's last test: { ok, message, at } as JSON, shown on its card until the next.
      ALTER TABLE connections ADD COLUMN last_test TEXT;
    `,
  },
  {
    // Numbered 7, after 5 and 6: a store already at 5 (the run history at volume shipped first)
    // must still get it, and a runner applies only versions above the store's.
    version: 7,
    sql: `
      -- Each scheduled flow's place in its schedule: every planned tick up to planned_through was
      -- handled (fired, skipped or missed), so ticks after it that passed while no scheduler ran
      -- are found at the next start. A schedule switched off keeps its row (the last run) with
      -- active = 0; switched on again, it starts from then.
      CREATE TABLE IF NOT EXISTS schedule_state (
        flow_id         TEXT PRIMARY KEY,
        active          INTEGER NOT NULL,
        cron            TEXT NOT NULL,
        timezone        TEXT,
        planned_through TEXT NOT NULL,
        next_run_at     TEXT,
        last_run_at     TEXT,
        last_run_id     TEXT,
        updated_at      TEXT NOT NULL
      );
      -- What became of every planned tick. Ticks in a row with the same outcome (paused, busy,
      -- missed) share one row with their count, so a long pause or sleep is one line.
      CREATE TABLE IF NOT EXISTS schedule_log (
        id              INTEGER PRIMARY KEY,
        flow_id         TEXT NOT NULL,
        outcome         TEXT NOT NULL CHECK (outcome IN ('fired', 'busy', 'paused', 'missed', 'caught-up', 'error')),
        planned_at      TEXT NOT NULL,
        last_planned_at TEXT NOT NULL,
        ticks           INTEGER NOT NULL DEFAULT 1,
        logged_at       TEXT NOT NULL,
        run_id          TEXT,
        message         TEXT
      );
      CREATE INDEX IF NOT EXISTS schedule_log_by_flow ON schedule_log(flow_id, id);
      CREATE INDEX IF NOT EXISTS schedule_log_by_time ON schedule_log(logged_at);
      -- The one scheduler of this data folder (desktop app, sincro schedule run or sincro serve)
      -- and its heartbeat; another takes over only once that holder is gone (run-owner.ts).
      CREATE TABLE IF NOT EXISTS scheduler_lock (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        owner_pid      INTEGER NOT NULL,
        owner_instance TEXT NOT NULL,
        owner_host     TEXT NOT NULL,
        holder         TEXT NOT NULL,
        since          TEXT NOT NULL,
        heartbeat_at   TEXT NOT NULL
      );
      -- Runs marked interrupted whose failure no notice told yet (interrupted = 2): found at each
      -- host's start and each run's end without reading the whole runs table.
      CREATE INDEX IF NOT EXISTS runs_interrupted_untold ON runs(finished_at) WHERE interrupted = 2;
    `,
  },
  {
    version: 8,
    sql: `
      -- The document a target record was written from, as JSON {app, entity, id}: a source reading
      -- the record back knows it for a copy even when a person edited its origin marker away in the
      -- app (id-ledger.ts originOf).
      ALTER TABLE id_ledger ADD COLUMN origin TEXT;
    `,
  },
];
