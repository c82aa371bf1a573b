/**
 * A run's records as a file: NDJSON (one record a line, with its whole lineage) or CSV (one row a
 * record: its keys, outcome, what the target did and said, and the data it ended with, as JSON).
 * Read a page at a time and written with back-pressure, so a run of millions of records exports
 * in flat memory. A CSV cell that a spreadsheet would take for a formula (=, +, -, @ first) gets
 * a leading apostrophe: an exported order note must not run as a formula when the file is opened.
 */
import { stringify } from 'csv-stringify/sync';
import { once } from 'node:events';
import { createWriteStream, fchmodSync, openSync, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { PRIVATE_FILE_MODE } from '../util/private-files';
import type { RunRecordInfo, RunRepo } from './runs';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_COLUMNS = ['run', 'seq', 'key', 'label', 'source', 'outcome', 'node', 'port', 'action', 'target_id', 'message', 'data'] as const;

/** A file name for the export of a run: `<run id>-records.<format>`. */
export const exportFileName = (runId: string, format: ExportFormat): string => `${runId.replace(/[^\w.-]/g, '_')}-records.${format}`;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

/** The data a record ended with: its last lineage step that carried data. */
function finalData(lineage: unknown): unknown {
  if (!Array.isArray(lineage)) return undefined;
  for (let i = lineage.length - 1; i >= 0; i--) {
    const data = (lineage[i] as { data?: unknown } | null)?.data;
    if (data !== undefined) return data;
  }
  return undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (v: string | number | null): string | number => (v === null ? '' : typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v);

function csvRow(r: RunRecordInfo): string {
  const data = finalData(r.lineage);
  const cells = [r.runId, r.seq, r.key, r.label, r.source, r.status, r.node, r.port, r.action, r.targetId, r.message, data === undefined ? null : JSON.stringify(data)];
  return stringify([cells.map(safeCell)]);
}

function ndjsonLine(r: RunRecordInfo): string {
  return `${JSON.stringify({ run: r.runId, seq: r.seq, key: r.key, label: r.label, source: r.source, outcome: r.status, node: r.node, port: r.port, action: r.action, targetId: r.targetId, message: r.message, lineage: r.lineage })}\n`;
}

/** Writes every record of the run to `out` (which is not ended); how many were written. */
export async function writeRunExport(runs: RunRepo, runId: string, format: ExportFormat, out: Writable): Promise<number> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'csv') await write(stringify([[...CSV_COLUMNS]]));
  let count = 0;
  let chunk = '';
  for (const r of runs.allRecords(runId)) {
    chunk += format === 'csv' ? csvRow(r) : ndjsonLine(r);
    count++;
    if (chunk.length >= 64 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
  return count;
}

/**
 * Writes the export to `file`: first beside it, then moved into place, so a file of that name is
 * always a whole export. How many records it holds.
 */
export async function exportRunToFile(runs: RunRepo, runId: string, format: ExportFormat, file: string): Promise<number> {
  return writeExportFile(file, (out) => writeRunExport(runs, runId, format, out));
}

/**
 * Writes an export into `file` whole or not at all (through `<file>.partial`); how many records.
 * The export is customer data, so the file is the owner's only (0600, whatever the umask), as the
 * store is; the rename gives a file it replaces that mode too.
 */
export async function writeExportFile(file: string, write: (out: Writable) => Promise<number>): Promise<number> {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w', PRIVATE_FILE_MODE);
  fchmodSync(fd, PRIVATE_FILE_MODE);
  const out = createWriteStream('', { fd });
  try {
    const written = await write(out);
    out.end();
    await finished(out);
    renameSync(partial, file);
    return written;
  } catch (e) {
    out.destroy();
    rmSync(partial, { force: true });
    throw e;
  }
}
