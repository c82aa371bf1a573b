/**
 * Copies every row of one table that SQLite can still read from a damaged file into a fresh one.
 * Rows are read in rowid order; where a damaged page stops the scan, the next readable rowid is
 * searched for (doubling the distance, then halving it back), so one bad page costs the rows on
 * that page, not the rest of the table. Tables whose root page is damaged cannot be walked at all
 * this way (SQLite's `.recover`, which reads raw pages, can; see recover.ts).
 */
import type { Db } from './database';

export interface TableRecovery {
  table: string;
  copied: number;
  /** Rowid ranges that could not be read; `to` undefined means "to the end of the table". */
  skipped: Array<{ from: number; to: number | undefined }>;
}

const isDamage = (e: unknown) => {
  const code = (e as { code?: string } | null)?.code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);
}

export function copyReadableRows(source: Db, target: Db, table: string): TableRecovery {
  const result: TableRecovery = { table, copied: 0, skipped: [] };
  let sourceColumns: string[];
  try {
    sourceColumns = columnsOf(source, table);
  } catch (e) {
    if (!isDamage(e)) throw e;
    result.skipped.push({ from: Number.MIN_SAFE_INTEGER, to: undefined });
    return result;
  }
  const columns = columnsOf(target, table).filter((c) => sourceColumns.includes(c));
  const list = columns.map(quote).join(', ');
  const from = quote(table);
  const readFrom = source.prepare(`SELECT rowid AS "__rowid", ${list} FROM ${from} WHERE rowid > ? ORDER BY rowid`).raw();
  const readOne = source.prepare(`SELECT rowid AS "__rowid", ${list} FROM ${from} WHERE rowid = ?`).raw();
  const firstFrom = source.prepare(`SELECT rowid FROM ${from} WHERE rowid >= ? ORDER BY rowid LIMIT 1`).pluck();
  const insert = target.prepare(`INSERT OR IGNORE INTO ${from} (rowid, ${list}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`);

  /** The first rowid at or after `at`: a number, undefined at the end, or 'damaged' when the way there is unreadable. */
  const probe = (at: number): number | undefined | 'damaged' => {
    try {
      return firstFrom.get(at) as number | undefined;
    } catch (e) {
      if (isDamage(e)) return 'damaged';
      throw e;
    }
  };

  /**
   * The first readable rowid after `after` (undefined when none can be reached), and whether
   * damage lay on the way (the rows in between are lost rather than absent).
   */
  const nextReadable = (after: number): { next: number | undefined; pastDamage: boolean } => {
    let bad = after;
    let step = 1;
    let found = probe(after + 1);
    if (found !== 'damaged') return { next: found, pastDamage: false };
    while (found === 'damaged') {
      bad = after + step;
      step *= 2;
      if (after + step > Number.MAX_SAFE_INTEGER) return { next: undefined, pastDamage: true };
      found = probe(after + step);
    }
    let good = after + step;
    // The boundary lies between `bad` (unreadable) and `good` (readable): halve back towards it.
    while (good - bad > 1) {
      const mid = Math.floor(bad / 2 + good / 2);
      const there = probe(mid);
      if (there === 'damaged') bad = mid;
      else [good, found] = [mid, there];
    }
    return { next: found, pastDamage: true };
  };

  target.transaction(() => {
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      try {
        for (const row of readFrom.iterate(after) as Iterable<unknown[]>) {
          insert.run(row);
          after = row[0] as number;
          result.copied++;
        }
        return;
      } catch (e) {
        if (!isDamage(e)) throw e;
      }
      const { next, pastDamage } = nextReadable(after);
      if (next === undefined) {
        result.skipped.push({ from: after + 1, to: undefined });
        return;
      }
      if (pastDamage) result.skipped.push({ from: after + 1, to: next - 1 });
      try {
        const row = readOne.get(next) as unknown[] | undefined;
        if (row) {
          insert.run(row);
          result.copied++;
        }
      } catch (e) {
        if (!isDamage(e)) throw e;
        result.skipped.push({ from: next, to: next }); // its rowid is readable, its content (an overflow page) is not
      }
      after = next;
    }
  })();
  return result;
}
