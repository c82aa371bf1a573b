/**
 * `GET /api/download/<ticket>` for `sincro serve`: a run's export, as the browser downloads it.
 * The page asked for it through the API (with the token) and got a ticket: 24 random bytes, good
 * once and for a minute, so the address can be opened by a plain link without the token in it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXPORT_CONTENT_TYPES } from '../store/run-export';
import type { ApiService } from './api-service';
import { sendJson } from './web-answer';

export async function handleDownload(api: ApiService, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  if (req.method !== 'GET') return sendJson(res, 405, { error: 'Downloads are GET requests.', code: 'bad-input' }, { allow: 'GET' });
  const ticket = /^\/api\/download\/([A-Za-z0-9_-]{20,64})$/.exec(pathname)?.[1];
  const wanted = ticket ? api.takeExportTicket(ticket) : undefined;
  if (!wanted) return sendJson(res, 404, { error: 'This download is not (or no longer) available: ask for the export again.', code: 'not-found' });
  res.writeHead(200, {
    'content-type': EXPORT_CONTENT_TYPES[wanted.format],
    'content-disposition': `attachment; filename="${wanted.fileName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  try {
    await api.writeExport(wanted, res);
    res.end();
  } catch {
    // The browser went away, or the store failed mid-file: an export cut short must not look whole.
    res.destroy();
  }
}
