/**
 * `POST /api/call/<method>` for `sincro serve`: the token, then the body (bounded, JSON), then the
 * call through the ApiService, which validates the input against the contract.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiErrorAnswer, sendJson } from './web-answer';
import type { ApiService } from './api-service';
import { readBody } from './web-request';

/** Large enough for a flow with inline sample records or an imported file. */
export const MAX_BODY = 25 * 1024 * 1024;

export interface ApiRoute {
  api: ApiService;
  tokenOk(given: string | undefined): boolean;
}

export async function handleApiRequest(route: ApiRoute, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const m = /^\/api\/call\/([A-Za-z.]+)$/.exec(pathname);
  if (!m) return sendJson(res, 404, { error: 'Not found', code: 'not-found' });
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'API calls are POST requests.', code: 'bad-input' }, { allow: 'POST' });
  const token = req.headers['x-sincro-token'];
  if (!route.tokenOk(typeof token === 'string' ? token : undefined)) return sendJson(res, 401, { error: 'This page needs the address printed by `sincro serve` (with its #token).', code: 'bad-input' });
  const body = await readBody(req, MAX_BODY);
  if (!body.ok) {
    if (body.reason === 'too-large') sendJson(res, 413, { error: `The request is larger than ${MAX_BODY / 1024 / 1024} MiB.`, code: 'bad-input' }, { connection: 'close' });
    else res.destroy();
    return;
  }
  let input: unknown;
  try {
    input = JSON.parse(body.text || '{}');
  } catch {
    return sendJson(res, 400, { error: 'The request body is not valid JSON.', code: 'bad-input' });
  }
  try {
    const result = await route.api.call(m[1] as string, input);
    sendJson(res, 200, { result: result ?? null });
  } catch (e) {
    const { status, body: errorBody } = apiErrorAnswer(e);
    sendJson(res, status, errorBody);
  }
}
