/**
 * Reading record files (JSON array, NDJSON, CSV with a header) as a stream of rows, each with the
 * line it came from, so a bad row can fail alone with a message that points at it.
 */
import { parse as parseCsv } from 'csv-parse';
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ui } from './define-node';

export const fileFormatSchema = z.enum(['json', 'ndjson', 'csv']).meta(ui({ label: 'Format', help: 'JSON array, one JSON object per line (NDJSON), or CSV with a header row.' }));
export type FileFormat = z.infer<typeof fileFormatSchema>;

export type FileRow = { line: number; data: Record<string, unknown>; error?: undefined } | { line: number; error: string; raw: string; data?: undefined };

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
      return isObject(data) ? { line: n, data } : { line: n, error: `line ${n} of ${file} is not a JSON object`, raw: line.slice(0, 200) };
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
    const lines = text.slice(0, end + 1).split(LINE_BREAK);
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

async function* readCsv(file: string, delimiter: string): AsyncIterable<FileRow> {
  const parser = createReadStream(file).pipe(parseCsv({ delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, info: true }));
  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = record.map((h) => h.trim());
      const dupe = header.find((h, i) => header?.indexOf(h) !== i);
      if (dupe !== undefined) throw new Error(`the header of ${file} names the column "${dupe}" twice`);
      continue;
    }
    if (record.length !== header.length) {
      yield { line: info.lines, error: `line ${info.lines} of ${file} has ${record.length} columns, but the header has ${header.length}`, raw: record.join(delimiter).slice(0, 200) };
      continue;
    }
    const data: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) data[header[i] as string] = record[i];
    yield { line: info.lines, data };
  }
}
