/**
 * Reading record files (JSON array, NDJSON, CSV with a header) as a stream of rows, each with the
 * line it came from, so a bad row can fail alone with a message that points at it.
 */
import { parse as parseCsv } from 'csv-parse';
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ui } from './define-node';
import { putField } from '../util/own-field';

export const fileFormatSchema = z.enum(['json', 'ndjson', 'csv']).meta(ui({ label: 'Format', help: 'JSON array, one JSON object per line (NDJSON), or CSV with a header row.' }));
export type FileFormat = z.infer<typeof fileFormatSchema>;

/** A row, or a row that cannot be read; `endsFile` when nothing after it could be read either. */
/** `text`: the JSON text the row was parsed from (NDJSON), for the run history to store as read. */
export type FileRow = { line: number; data: Record<string, unknown>; text?: string; error?: undefined } | { line: number; error: string; raw: string; data?: undefined; endsFile?: boolean };

export function resolvePath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/** Why a file cannot be read, in words, or undefined when it can. */
export function unreadable(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return `${file} is a folder, not a file`;
    accessSync(file, constants.R_OK);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `the file ${file} does not exist` : code === 'EACCES' ? `the file ${file} cannot be read (permission denied)` : `the file ${file} cannot be read (${code})`;
  }
}

export function formatFromPath(path: string): FileFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'ndjson' || ext === 'jsonl' ? 'ndjson' : ext === 'json' ? 'json' : undefined;
}

export async function* readRows(file: string, format: FileFormat, csv: { delimiter?: string } = {}): AsyncIterable<FileRow> {
  for await (const rows of readRowBatches(file, format, csv)) yield* rows;
}

const BATCH_ROWS = 1000;

/**
 * The rows of a file in batches of up to `batchRows`: NDJSON is read in large chunks, and a
 * batch's lines are parsed together when the batch is asked for, so a record costs no promise of
 * its own and is not parsed long before it is used.
 */
export async function* readRowBatches(file: string, format: FileFormat, opts: { delimiter?: string; chunkBytes?: number; batchRows?: number } = {}): AsyncIterable<FileRow[]> {
  const batchRows = opts.batchRows ?? BATCH_ROWS;
  if (format === 'ndjson') {
    yield* readNdjson(file, opts.chunkBytes ?? 1 << 18, batchRows);
    return;
  }
  let batch: FileRow[] = [];
  for await (const row of format === 'json' ? readJsonArray(file) : readCsv(file, opts.delimiter ?? ',')) {
    batch.push(row);
    if (batch.length >= batchRows) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON array is parsed whole; use NDJSON or CSV for files larger than memory. */
async function* readJsonArray(file: string): AsyncIterable<FileRow> {
  const text = await readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(value)) throw new Error(`${file} must hold a JSON array of records, but holds ${value === null ? 'null' : typeof value}`);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    yield isObject(item) ? { line: i + 1, data: item } : { line: i + 1, error: `item ${i + 1} of ${file} is not an object`, raw: JSON.stringify(item) };
  }
}

// Lines end with \n, \r\n or a lone \r, as node:readline splits them.
const LINE_BREAK = /\r\n|\n|\r/;

async function* readNdjson(file: string, chunkBytes: number, batchRows: number): AsyncIterable<FileRow[]> {
  let n = 0;
  const parse = (raw: string): FileRow | undefined => {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) return undefined;
    try {
      const data: unknown = JSON.parse(line);
      return isObject(data) ? { line: n, data, text: line } : { line: n, error: `line ${n} of ${file} is not a JSON object`, raw: line.slice(0, 200) };
    } catch (e) {
      return { line: n, error: `line ${n} of ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, raw: line.slice(0, 200) };
    }
  };
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: chunkBytes })) {
    const text = rest + (chunk as string);
    // A \r at the very end may be the first half of a \r\n: it waits for the next chunk.
    const limit = text.endsWith('\r') ? text.length - 1 : text.length;
    const end = Math.max(text.lastIndexOf('\n', limit - 1), text.lastIndexOf('\r', limit - 1));
    if (end < 0) {
      rest = text;
      continue;
    }
    const whole = text.slice(0, end + 1);
    // Splitting at a string is several times faster than at the pattern, and most files have no \r.
    const lines = whole.includes('\r') ? whole.split(LINE_BREAK) : whole.split('\n');
    lines.pop(); // the empty piece after the last break
    rest = text.slice(end + 1);
    for (let from = 0; from < lines.length; from += batchRows) {
      const rows: FileRow[] = [];
      for (let i = from; i < Math.min(from + batchRows, lines.length); i++) {
        const row = parse(lines[i] as string);
        if (row) rows.push(row);
      }
      if (rows.length) yield rows;
    }
  }
  // The last line may have no line break; a lone \r at the very end ends the line before it.
  const last = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
  const row = rest ? parse(last) : undefined;
  if (row) yield [row];
}

interface CsvRecord {
  record: string[];
  /** The line the record ends on. */
  lines: number;
  /** Empty lines skipped so far. */
  emptyLines: number;
}

/**
 * Records are taken from the parser as it makes them (`on_record`), not from its stream: when
 * the parser fails, the stream drops what it still buffers, and those records would then be
 * neither done nor failed. A parse error (a quote never closed) ends the file: everything from
 * the record it starts in is one failed row that names the line.
 */
async function* readCsv(file: string, delimiter: string): AsyncIterable<FileRow> {
  const parsed: CsvRecord[] = [];
  const parser = parseCsv({
    delimiter,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    on_record: (record: string[], info: { lines: number; empty_lines: number }) => void parsed.push({ record, lines: info.lines, emptyLines: info.empty_lines }),
  });
  let failure: unknown;
  parser.on('error', (e) => (failure ??= e));
  let header: string[] | undefined;
  let last = { lines: 0, emptyLines: 0 };
  function* take(): Iterable<FileRow> {
    for (const r of parsed.splice(0)) {
      last = r;
      if (!header) {
        header = r.record.map((h) => h.trim());
        const dupe = header.find((h, i) => header?.indexOf(h) !== i);
        if (dupe !== undefined) throw new Error(`the header of ${file} names the column "${dupe}" twice`);
        continue;
      }
      yield csvRow(file, delimiter, header, r);
    }
  }
  for await (const chunk of createReadStream(file)) {
    if (parser.errored) break;
    parser.write(chunk);
    yield* take();
  }
  if (!parser.errored) parser.end();
  await finished(parser, { readable: false }).catch((e: unknown) => (failure ??= e));
  yield* take();
  if (failure !== undefined) yield csvFailure(file, failure, last);
}

function csvRow(file: string, delimiter: string, header: string[], { record, lines }: CsvRecord): FileRow {
  if (record.length !== header.length) {
    return { line: lines, error: `line ${lines} of ${file} has ${record.length} columns, but the header has ${header.length}`, raw: record.join(delimiter).slice(0, 200) };
  }
  const data: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) putField(data, header[i] as string, record[i]);
  return { line: lines, data };
}

/** The rest of the file as one failed row, from the line the broken record starts on. */
function csvFailure(file: string, error: unknown, last: { lines: number; emptyLines: number }): FileRow {
  const e = error as { code?: string; message?: string; lines?: number; empty_lines?: number };
  const line = last.lines + 1 + Math.max(0, (e.empty_lines ?? last.emptyLines) - last.emptyLines);
  const why = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote that opens there is never closed' : (e.message ?? String(error));
  const until = e.lines !== undefined && e.lines > line ? ` (lines ${line} to ${e.lines})` : '';
  return { line, error: `line ${line} of ${file} cannot be read: ${why}, so the rest of the file${until} was not read`, raw: '', endsFile: true };
}
