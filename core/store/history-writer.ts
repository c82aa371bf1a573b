/**
 * Writes finished records to the run history. Rows wait in one flat array (no object per record)
 * and go to the store in one transaction per flush, as multi-row INSERTs. Lineages are compressed
 * as they come, CHUNK_LINES at a time, into one `run_lineage` chunk each (lineage-chunks.ts), on
 * the thread pool: the text of a lineage then lives only until its chunk is compressed, instead of
 * until the next flush, so it dies young and the garbage collector never copies it around;
 * deflate's window (32 KB) spans only a few dozen lineages, so a larger chunk would compress no
 * better.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import type { LineageChunks } from './lineage-chunks';

/** Lineages per chunk: a few hundred KB of text, far beyond deflate's window. */
export const CHUNK_LINES = 128;
/** Rows per INSERT statement (ROW_VALUES parameters each, far below SQLite's limit). */
export const ROWS_PER_INSERT = 64;

const COLUMNS = ['run_id', 'seq', 'source_key', 'label', 'source_node', 'status', 'node', 'port', 'action', 'target_id', 'message', 'lineage_chunk', 'lineage_index'] as const;
/** What record() is given per record: every column but the lineage's place, which the writer adds. */
export type HistoryRowValues = [runId: string, seq: number, key: string, label: string | null, source: string, status: string, node: string, port: string | null, action: string | null, targetId: string | null, message: string | null];
/** A row's values as stored: the record's (HistoryRowValues), then its lineage's chunk and line. */
export const ROW_VALUES = COLUMNS.length;

/** The statement that inserts `rows` rows. */
export function insertRowsSql(rows: number): string {
  const row = `(${COLUMNS.map(() => '?').join(', ')}, '')`;
  return `INSERT INTO run_records (${COLUMNS.join(', ')}, lineage) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}

interface OpenChunk {
  chunk: number;
  lines: string[];
}

/** A full chunk: its lines until their compression (begun when it filled up) is done. */
interface SealedChunk {
  runId: string;
  chunk: number;
  lines: readonly string[] | undefined;
  data: Buffer | undefined;
}

export class HistoryWriter {
  /** ROW_VALUES values per waiting record, in COLUMNS order. */
  private values: unknown[] = [];
  private sealed: SealedChunk[] = [];
  private readonly open = new Map<string, OpenChunk>();
  private readonly nextChunk = new Map<string, number>();
  private readonly insertOne: Statement;
  private readonly insertMany: Statement;

  constructor(
    db: Db,
    private readonly chunks: LineageChunks,
  ) {
    this.insertOne = db.prepare(insertRowsSql(1));
    this.insertMany = db.prepare(insertRowsSql(ROWS_PER_INSERT));
  }

  /** Records waiting to be written. */
  get waiting(): number {
    return this.values.length / ROW_VALUES;
  }

  add(row: HistoryRowValues, lineage: string): void {
    const runId = row[0];
    let open = this.open.get(runId);
    if (!open) {
      const chunk = this.nextChunk.get(runId) ?? this.chunks.next(runId);
      this.nextChunk.set(runId, chunk + 1);
      open = { chunk, lines: [] };
      this.open.set(runId, open);
    }
    const v = this.values;
    for (let i = 0; i < row.length; i++) v.push(row[i]);
    v.push(open.chunk, open.lines.length);
    open.lines.push(lineage);
    if (open.lines.length >= CHUNK_LINES) this.seal(runId, open);
  }

  /**
   * Writes what waits; call it inside a transaction. If it throws, everything stays waiting (the
   * chunks keep their numbers, the rows their places) and the next write tries it all again.
   */
  write(): void {
    for (const [runId, open] of this.open) this.seal(runId, open, false);
    for (const s of this.sealed) {
      // A chunk still being compressed in the background is compressed here too: a flush never waits.
      s.data ??= this.chunks.compress(s.lines ?? []);
      s.lines = undefined;
      this.chunks.insert(s.runId, s.chunk, s.data);
    }
    const v = this.values;
    const many = ROWS_PER_INSERT * ROW_VALUES;
    let at = 0;
    for (; at + many <= v.length; at += many) this.insertMany.run(v.slice(at, at + many));
    for (; at < v.length; at += ROW_VALUES) this.insertOne.run(v.slice(at, at + ROW_VALUES));
  }

  /** After write() committed. */
  written(): void {
    this.values = [];
    this.sealed = [];
  }

  /** The run has ended: its chunk numbers are no longer needed. */
  forget(runId: string): void {
    this.nextChunk.delete(runId);
  }

  private seal(runId: string, open: OpenChunk, inBackground = true): void {
    this.open.delete(runId);
    const sealed: SealedChunk = { runId, chunk: open.chunk, lines: open.lines, data: undefined };
    this.sealed.push(sealed);
    if (!inBackground) return;
    this.chunks.compressInBackground(open.lines, (data) => {
      if (sealed.data || !data) return;
      sealed.data = data;
      sealed.lines = undefined;
    });
  }
}
