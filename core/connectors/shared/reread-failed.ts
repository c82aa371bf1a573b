/**
 * The first part of every run of a source that `rereadsFailed`: the records that failed in the
 * last run, read again by key and sent on before the changes (in a retry, the failed records of
 * the run retried, and nothing after them). The engine moves such a source's
 * cursor on after a partial run, so this is the only way a failed record comes back; each
 * connector's changes-source says how to read its records by key.
 */
import { emit, type Outcome } from '../../engine/record';
import type { NodeRunContext } from '../../nodes/define-node';

export interface KeyedRecord {
  key: string;
  data: unknown;
}

export interface FailedRecordReader {
  /** What one record is, for the log: "order", "article group". */
  what: string;
  /** The app, for the log: "MplusKASSA". */
  app: string;
  /** How many keys one read asks for at the most. */
  keysPerRead: number;
  /** The records of these keys as they are now; a key the app no longer has is left out. */
  read(keys: string[]): Promise<KeyedRecord[]>;
}

/**
 * Yields the failed records of the last run, read again, in the order they failed (in batches of at
 * most `ctx.batchSize`), and returns their keys, so the changes after them can leave those out: a
 * record that failed and changed since comes once.
 */
export async function* rereadFailed(ctx: NodeRunContext<unknown>, reader: FailedRecordReader): AsyncGenerator<Outcome[], ReadonlySet<string>, undefined> {
  const keys = [...new Set(ctx.failedLastTime())];
  const sent = new Set<string>();
  const perRead = Math.max(1, reader.keysPerRead);
  for (let i = 0; i < keys.length; i += perRead) {
    const wanted = keys.slice(i, i + perRead);
    const found = new Map<string, unknown>();
    // An app may answer with more than was asked (every article of a product); only the asked ones count.
    for (const r of await reader.read(wanted)) if (wanted.includes(r.key) && !found.has(r.key)) found.set(r.key, r.data);
    const records: KeyedRecord[] = [];
    for (const key of wanted) {
      if (!found.has(key)) {
        ctx.log('warn', `the ${reader.what} ${key} failed last time, but ${reader.app} no longer has it (deleted?), so it is not read again`);
        continue;
      }
      records.push({ key, data: found.get(key) });
      sent.add(key);
    }
    for (let j = 0; j < records.length; j += ctx.batchSize) {
      yield records.slice(j, j + ctx.batchSize).map((r) => emit(ctx.newRecord(r.key, r.data), r.data));
    }
  }
  return sent;
}
