/**
 * Where records' lineages are kept: the lineages of a hundred-odd records of a run, one JSON per
 * line, compressed together (deflate) as one chunk of `run_lineage` (history-writer.ts); each
 * record row names its chunk and line. Records of one run look alike (the same fields, steps and nodes), so together they compress
 * to a few dozen bytes each, where one record alone would need hundreds. Rows written before this
 * (and the ledger's own rows) keep their lineage as text in `run_records.lineage`.
 */
import { deflateRaw, deflateRawSync } from 'node:zlib';
import type { Db } from './database';
import type { StoredStep } from './lineage-compact';
import { describePlace, inflatedLines, tryParseStoredJson, type StoredPlace } from './stored-json';

/** The one step of a lineage that cannot be read (a lineage's shape, so every screen shows it). */
export const DAMAGED_LINEAGE_NODE = '(history damaged)';

/** What a record shows for a lineage that cannot be read: the record is still listed, this says so. */
export const damagedLineage = (place: StoredPlace) => [
  { node: DAMAGED_LINEAGE_NODE, error: `History damaged: this record's lineage (${describePlace(place)}) cannot be read. \`sincro doctor --recover\` sets it aside.` },
];

const CACHED_CHUNKS = 8;
/** Level 1: records of one run look alike, so the fastest level already finds most of what there is. */
export const DEFLATE = { level: 1 };

export class LineageChunks {
  private readonly insertChunk;
  private readonly select;
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly db: Db) {
    this.insertChunk = db.prepare('INSERT INTO run_lineage (run_id, chunk, data) VALUES (?, ?, ?)');
    this.select = db.prepare('SELECT data FROM run_lineage WHERE run_id = ? AND chunk = ?');
  }

  /** The next chunk number of a run (the run's own process is the only writer of its chunks). */
  next(runId: string): number {
    const row = this.db.prepare('SELECT coalesce(max(chunk), -1) + 1 AS n FROM run_lineage WHERE run_id = ?').get(runId) as { n: number };
    return row.n;
  }

  /** Lineages as one chunk's stored bytes. */
  compress(lines: readonly string[]): Buffer {
    return deflateRawSync(lines.join('\n'), DEFLATE);
  }

  /**
   * The same, on libuv's thread pool while the run goes on (deflate was a tenth of a busy run's
   * main thread); `done` gets nothing when it failed, and the chunk is then compressed at its write.
   */
  compressInBackground(lines: readonly string[], done: (data: Buffer | undefined) => void): void {
    deflateRaw(lines.join('\n'), DEFLATE, (error, data) => done(error ? undefined : data));
  }

  insert(runId: string, chunk: number, data: Buffer): void {
    this.insertChunk.run(runId, chunk, data);
  }

  /** A record's stored lineage: its line of its chunk, or its own text. */
  lineageOf(row: { run_id: string; seq?: number; lineage: string; lineage_chunk: number | null; lineage_index: number | null }): unknown {
    const record = `${row.run_id}${row.seq === undefined ? '' : ` record ${row.seq}`}`;
    if (row.lineage_chunk === null || row.lineage_index === null) {
      const own = tryParseStoredJson(row.lineage);
      return own.ok ? own.value : damagedLineage({ table: 'run_records', row: record, column: 'lineage' });
    }
    const lines = this.lines(row.run_id, row.lineage_chunk);
    const chunk = { table: 'run_lineage', row: `${row.run_id} chunk ${row.lineage_chunk}`, column: 'data' };
    if (lines === undefined) return damagedLineage(chunk);
    const line = lines[row.lineage_index];
    if (line === undefined) return [];
    const parsed = tryParseStoredJson(line);
    return parsed.ok ? parsed.value : damagedLineage({ ...chunk, row: `${chunk.row} line ${row.lineage_index + 1} (record ${record})` });
  }

  /** A chunk's lines; undefined when its stored bytes cannot be inflated (damaged). */
  private lines(runId: string, chunk: number): string[] | undefined {
    const key = `${runId}\u0000${chunk}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const row = this.select.get(runId, chunk) as { data: Buffer } | undefined;
    const lines = row ? inflatedLines(row.data) : [];
    if (!lines) return undefined;
    if (this.cache.size >= CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, lines);
    return lines;
  }

  /** Every stored lineage of a run's records (the steps; a capped lineage's steps too). */
  *stepsOfRun(runId: string): Iterable<StoredStep[]> {
    // All at once: better-sqlite3 runs no other statement (the chunks) while one is being iterated.
    const rows = this.db.prepare('SELECT run_id, lineage, lineage_chunk, lineage_index FROM run_records WHERE run_id = ? ORDER BY seq').all(runId) as Array<{
      run_id: string;
      lineage: string;
      lineage_chunk: number | null;
      lineage_index: number | null;
    }>;
    for (const row of rows) {
      const stored = this.lineageOf(row);
      if (Array.isArray(stored) && (stored[0] as StoredStep | undefined)?.node === DAMAGED_LINEAGE_NODE) continue;
      if (Array.isArray(stored)) yield stored as StoredStep[];
      else if (stored && typeof stored === 'object' && Array.isArray((stored as { steps?: unknown }).steps)) yield (stored as { steps: StoredStep[] }).steps;
    }
  }
}
