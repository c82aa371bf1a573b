/**
 * Sends each record to an HTTP API. Up to `concurrency` requests are in flight; 429, 5xx and
 * timeouts are retried with backoff (honouring Retry-After), other refusals fail the record with
 * the server's answer. Optionally remembers what it sent (id ledger) so a rerun does not send
 * again. Credentials come from a stored HTTP connection, never from the flow.
 */
import type { AxiosResponse } from 'axios';
import { z } from 'zod';
import { emit, RecordError, skip, type Rec } from '../engine/record';
import { retryAfterMs, withRetry } from '../util/retry';
import { stableHash } from '../util/stable-hash';
import { defineNode, ui } from './define-node';
import { compileExpression, expressionCheck, FIELD_PATH, getPath } from './expressions';
import { perRecord } from './per-record';
import { writeWithLedger } from './target-write';

const TEMPLATE = /\{\{\s*([^}\s]+)\s*\}\}/g;
const PROXY_ENV = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].some((k) => process.env[k]);

class HttpAnswerError extends Error {
  constructor(readonly response: AxiosResponse) {
    super(`HTTP ${response.status}`);
  }
}

const excerpt = (body: unknown) => {
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  return s && s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

export const httpTarget = defineNode({
  type: 'http.target.request',
  kind: 'target',
  app: 'http',
  title: 'Send to an HTTP API',
  description: 'Sends each record as an HTTP request, with retries on rate limits, server errors and timeouts.',
  config: z.object({
    connection: z.string().optional().meta(ui({ label: 'Connection', widget: 'connection', connectionKinds: ['http'], help: 'Base address and credentials. Without one, the URL must be complete and the API open.' })),
    method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']).default('POST').meta(ui({ label: 'Method' })),
    url: z.string().min(1).meta(ui({ label: 'URL', placeholder: '/orders/{{id}}', help: 'Relative to the connection’s address; {{field}} inserts a value of the record.' })),
    body: z.string().superRefine(expressionCheck).optional().meta(ui({ label: 'Body', widget: 'jsonata', help: 'An expression for the body; the whole record when empty.' })),
    headers: z.array(z.object({ name: z.string().min(1), value: z.string() })).default([]).meta(ui({ label: 'Headers', widget: 'key-value' })),
    concurrency: z.number().int().min(1).max(64).default(4).meta(ui({ label: 'Requests at once' })),
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000).meta(ui({ label: 'Timeout (ms)' })),
    retries: z.number().int().min(0).max(20).default(5).meta(ui({ label: 'Retries' })),
    idField: z.string().regex(FIELD_PATH).optional().meta(ui({ label: 'Id in the answer', placeholder: 'data.id', help: 'Where the answer carries the id of what was created.' })),
    resend: z.enum(['always', 'when-changed', 'once']).default('always').meta(ui({ label: 'Send again', help: 'always; only when the record changed since it was last sent; or only once per record.' })),
    entity: z.string().min(1).optional().meta(ui({ label: 'What is sent', placeholder: 'order', showWhen: { resend: ['when-changed', 'once'] } })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `${c.method} ${c.url}${c.resend !== 'always' ? ` · ${c.resend}` : ''}`,
  check(c, env) {
    if (c.connection && !env.connection(c.connection)) return [{ path: 'config.connection', message: `the connection "${c.connection}" is not stored. Add it under Connections or pick another.` }];
    if (!c.connection && !/^https?:\/\//.test(c.url)) return [{ path: 'config.url', message: 'without a connection, the URL must start with http:// or https://.' }];
    return [];
  },
  run: perRecord(
    async (ctx) => {
      // The HTTP client loads when a flow sends something, not with every start of sincro.
      const [{ default: axios, isAxiosError }, { describeNetworkError, isTransientNetworkError }, { httpRequestDefaults }] = await Promise.all([
        import('axios'),
        import('../connectors/http/network-errors'),
        import('../connectors/http/http-connection'),
      ]);
      const c = ctx.config;
      const defaults = c.connection ? httpRequestDefaults(ctx.connection(c.connection)) : {};
      // Redirects are refused (a sync target that moves is a misconfiguration to see, not follow), and
      // without proxy variables in the environment axios need not look for them on every request.
      const http = axios.create({ ...defaults, timeout: c.timeoutMs, validateStatus: () => true, maxRedirects: 0, ...(PROXY_ENV ? {} : { proxy: false as const }) });
      const body = c.body ? compileExpression(c.body) : undefined;
      const extraHeaders = Object.fromEntries(c.headers.map((h) => [h.name, h.value]));
      const scope = `http:${String(defaults.baseURL ?? c.url.split('/').slice(0, 3).join('/'))}`;

      const urlFor = (data: unknown) =>
        c.url.replace(TEMPLATE, (_, path: string) => {
          const v = getPath(data, path);
          if (v === undefined || v === null || v === '') throw new RecordError(`the URL needs ${path}, which has no value in this record`, path);
          return encodeURIComponent(String(v));
        });

      const send = async (url: string, payload: unknown) => {
        const res = await withRetry(
          async () => {
            const r = await http.request({ method: c.method, url, data: c.method === 'GET' || c.method === 'DELETE' ? undefined : payload, headers: extraHeaders, signal: ctx.signal });
            if (r.status === 429 || r.status >= 500) throw new HttpAnswerError(r);
            return r;
          },
          {
            retries: c.retries,
            baseMs: 200,
            maxMs: 30_000,
            signal: ctx.signal,
            decide: (e) => (e instanceof HttpAnswerError ? { retry: true, afterMs: retryAfterMs(e.response.headers['retry-after'] as string | undefined) } : { retry: isTransientNetworkError(e) }),
          },
        ).catch((e: unknown) => {
          if (e instanceof HttpAnswerError) throw new Error(`${c.method} ${url} kept failing: the server answered HTTP ${e.response.status} ${excerpt(e.response.data) ?? ''}`.trim());
          if (isAxiosError(e) || isTransientNetworkError(e)) throw new Error(describeNetworkError(e, url));
          throw e;
        });
        if (res.status >= 300) throw new RecordError(`${c.method} ${url} was refused: HTTP ${res.status} ${excerpt(res.data) ?? ''}`.trim());
        const id = c.idField ? getPath(res.data, c.idField) : undefined;
        return { id: id === undefined || id === null ? undefined : String(id), answer: { status: res.status, body: res.data as unknown } };
      };

      return async (rec: Rec) => {
        const url = urlFor(rec.data);
        let payload = body ? body.evaluate(rec.data, { settings: ctx.flow.settings }) : rec.data;
        if (payload instanceof Promise) payload = await payload;
        if (c.resend === 'always') {
          if (ctx.dryRun) return emit(rec, rec.data, 'out', { action: 'create', note: `would send ${c.method} ${url}` });
          const sent = await send(url, payload);
          return emit(rec, rec.data, 'out', { action: 'create', targetId: sent.id, answer: sent.answer });
        }
        const result = await writeWithLedger(ctx, {
          scope,
          entity: c.entity ?? ctx.nodeId,
          sourceId: rec.key,
          payload,
          mode: c.resend === 'once' ? 'create' : 'upsert',
          create: async () => {
            const sent = await send(url, payload);
            return { id: sent.id ?? stableHash([url, payload]).slice(0, 12), answer: sent.answer };
          },
          update: async () => ({ answer: (await send(url, payload)).answer }),
        });
        return result.outcome === 'skipped'
          ? skip(rec, result.reason, { targetId: result.targetId })
          : emit(rec, rec.data, 'out', { action: result.action, targetId: result.targetId, answer: result.answer, note: ctx.dryRun ? `would send ${c.method} ${url}` : undefined });
      };
    },
    { concurrency: (c) => c.concurrency },
  ),
});
