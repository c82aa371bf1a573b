/**
 * The run history written from a worker thread, for a large run: compressing its lineages and
 * inserting its rows (SQLite) took a quarter of a busy run's main thread (W1-mapping, README
 * "Benchmark"). The worker has its own connection to the same file and does what
 * history-writer.ts does in the main thread: lineages in chunks of CHUNK_LINES, compressed, and
 * every FLUSH_MS (or FLUSH_MAX_ROWS) one transaction of chunks and rows. The main thread only
 * gathers each record's row and lineage text and posts them, POST_EVERY at a time.
 *
 * A flush the caller must see done (a run's end, a read of a live run, the store closing) blocks
 * until the worker has committed (Atomics.wait on shared memory, as the worker cannot reach the
 * main thread's event loop while it waits), and throws the worker's error when its write failed:
 * the rows then stay waiting in the worker, as they do in history-writer.ts, and the next flush
 * tries them again.
 *
 * The worker's code is a string evaluated as a script (`eval: true`), with better-sqlite3 required
 * by the path the main thread resolved: a file beside this one would have to be found from the
 * CLI's bundle, the desktop app's bundle and the TypeScript sources alike.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CHUNK_LINES, insertRowsSql, ROW_VALUES, ROWS_PER_INSERT, type HistoryRowValues } from './history-writer';
import { DEFLATE } from './lineage-chunks';

/** Records gathered in the main thread before they are posted (one message each). */
const POST_EVERY = 256;
/** How long a flush waits for the worker at most: far beyond one transaction of FLUSH_MAX_ROWS. */
const FLUSH_TIMEOUT_MS = 60_000;
/** Records posted and not yet written at most: beyond it the main thread waits (a slow disk), which keeps memory flat. */
const MAX_BEHIND = 20_000;

/** Shared memory: the last flush ticket the worker finished, whether it stopped, and how many records it wrote. */
const DONE = 0;
const STOPPED = 1;
const WRITTEN = 2;

export interface OffThreadLimits {
  flushMs: number;
  flushMaxRows: number;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { deflateRawSync } = require('node:zlib');
const { file, sqlite, sql, chunkLines, rowValues, rowsPerInsert, deflate, flushMs, flushMaxRows, state, errors } = workerData;
const shared = new Int32Array(state);
const stop = (e) => {
  Atomics.store(shared, ${STOPPED}, 1);
  Atomics.notify(shared, ${DONE});
  try { errors.postMessage({ ticket: -1, message: 'the history writer stopped: ' + (e && e.message || String(e)) }); } catch {}
};
process.on('uncaughtException', stop);
const Database = require(sqlite);
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('secure_delete = ON');
const insertOne = db.prepare(sql.one);
const insertMany = db.prepare(sql.many);
const insertChunk = db.prepare('INSERT INTO run_lineage (run_id, chunk, data) VALUES (?, ?, ?)');
const firstChunk = db.prepare('SELECT coalesce(max(chunk), -1) + 1 AS n FROM run_lineage WHERE run_id = ?');
let values = [];
let sealed = [];
const open = new Map();
const nextChunk = new Map();
let timer;
const seal = (runId, o) => {
  open.delete(runId);
  sealed.push({ runId, chunk: o.chunk, data: deflateRawSync(o.lines.join('\\n'), deflate) });
};
const add = (row, line) => {
  const runId = row[0];
  let o = open.get(runId);
  if (!o) {
    const chunk = nextChunk.get(runId) ?? firstChunk.get(runId).n;
    nextChunk.set(runId, chunk + 1);
    o = { chunk, lines: [] };
    open.set(runId, o);
  }
  for (let i = 0; i < row.length; i++) values.push(row[i]);
  values.push(o.chunk, o.lines.length);
  o.lines.push(line);
  if (o.lines.length >= chunkLines) seal(runId, o);
};
const write = db.transaction(() => {
  for (const s of sealed) insertChunk.run(s.runId, s.chunk, s.data);
  const many = rowsPerInsert * rowValues;
  let at = 0;
  for (; at + many <= values.length; at += many) insertMany.run(values.slice(at, at + many));
  for (; at < values.length; at += rowValues) insertOne.run(values.slice(at, at + rowValues));
});
const flush = () => {
  clearTimeout(timer);
  timer = undefined;
  for (const [runId, o] of open) seal(runId, o);
  if (!sealed.length && !values.length) return;
  const rows = values.length / rowValues;
  write();
  values = [];
  sealed = [];
  Atomics.add(shared, ${WRITTEN}, rows);
};
const flushLater = () => {
  try { flush(); } catch { timer = setTimeout(flushLater, flushMs); }
};
parentPort.on('message', (m) => {
  if (m.t === 'rows') {
    const width = rowValues - 2;
    const lines = m.text.split('\\n');
    for (let i = 0; i < lines.length; i++) add(m.values.slice(i * width, (i + 1) * width), lines[i]);
    if (values.length / rowValues >= flushMaxRows) flushLater();
    else if (values.length && !timer) timer = setTimeout(flushLater, flushMs);
  } else if (m.t === 'forget') {
    nextChunk.delete(m.runId);
  } else if (m.t === 'flush' || m.t === 'close') {
    try {
      flush();
    } catch (e) {
      errors.postMessage({ ticket: m.ticket, message: e && e.message || String(e) });
    }
    if (m.t === 'close' && !values.length) {
      db.close();
      parentPort.close();
    }
    Atomics.store(shared, ${DONE}, m.ticket);
    Atomics.notify(shared, ${DONE});
  }
});
parentPort.postMessage('ready');
`;

export class OffThreadHistory {
  private values: unknown[] = [];
  private lines: string[] = [];
  private ticket = 0;
  private posted = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly errors: MessagePort,
    private readonly shared: Int32Array,
  ) {}

  /** A worker writing to `file` (an open store's database), once its connection is open. */
  static async start(file: string, limits: OffThreadLimits): Promise<OffThreadHistory> {
    const channel = new MessageChannel();
    const shared = new SharedArrayBuffer(12);
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        file,
        sqlite: createRequire(import.meta.url).resolve('better-sqlite3'),
        sql: { one: insertRowsSql(1), many: insertRowsSql(ROWS_PER_INSERT) },
        chunkLines: CHUNK_LINES,
        rowValues: ROW_VALUES,
        rowsPerInsert: ROWS_PER_INSERT,
        deflate: DEFLATE,
        flushMs: limits.flushMs,
        flushMaxRows: limits.flushMaxRows,
        state: shared,
        errors: channel.port2,
      },
      transferList: [channel.port2],
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the history writer ended before it began (exit code ${code})`)));
    });
    worker.removeAllListeners();
    // A worker that fails later says so in the shared memory and on the error port (its script).
    worker.on('error', () => undefined);
    worker.unref();
    return new OffThreadHistory(worker, channel.port1, new Int32Array(shared));
  }

  add(row: HistoryRowValues, lineage: string): void {
    const v = this.values;
    for (let i = 0; i < row.length; i++) v.push(row[i]);
    this.lines.push(lineage);
    if (this.lines.length >= POST_EVERY) this.post();
  }

  /** Sends what was gathered; the worker writes it within its FLUSH_MS. */
  post(): void {
    this.send();
    if (this.posted - Atomics.load(this.shared, WRITTEN) > MAX_BEHIND) this.flush();
  }

  private send(): void {
    if (!this.lines.length) return;
    // One text, not a list of them: posting 256 strings cost more than copying them (a lineage never
    // holds a line break: JSON escapes it, and the chunks it is stored in are lines too).
    this.worker.postMessage({ t: 'rows', values: this.values, text: this.lines.join('\n') });
    this.posted += this.lines.length;
    this.values = [];
    this.lines = [];
  }

  /** The run has ended: its chunk numbers are no longer needed. */
  forget(runId: string): void {
    this.send();
    this.worker.postMessage({ t: 'forget', runId });
  }

  /** Everything posted is committed when it returns; throws when the worker could not write it. */
  flush(): void {
    this.exchange('flush');
  }

  /** Flushes and ends the worker and its connection (before the store's own connection closes). */
  close(): void {
    this.exchange('close');
  }

  private exchange(t: 'flush' | 'close'): void {
    this.send();
    const ticket = ++this.ticket;
    this.failIfStopped();
    this.worker.postMessage({ t, ticket });
    const until = Date.now() + FLUSH_TIMEOUT_MS;
    while (Atomics.load(this.shared, DONE) < ticket) {
      this.failIfStopped();
      const left = until - Date.now();
      if (left <= 0) throw new Error(`the history writer did not finish writing within ${FLUSH_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.shared, DONE, Atomics.load(this.shared, DONE), Math.min(left, 1000));
    }
    const failure = this.failureOf(ticket);
    if (failure) throw new Error(failure);
  }

  private failIfStopped(): void {
    if (Atomics.load(this.shared, STOPPED)) throw new Error(this.failureOf(-1) ?? 'the history writer stopped');
  }

  /** The worker's message about this flush (or about its stop), if it sent one; older ones are read and dropped. */
  private failureOf(ticket: number): string | undefined {
    let found: string | undefined;
    for (let m = receiveMessageOnPort(this.errors); m; m = receiveMessageOnPort(this.errors)) {
      const { ticket: t, message } = m.message as { ticket: number; message: string };
      if (t === ticket || t === -1) found = message;
    }
    return found;
  }
}
