/** What an endpoint handler of the sandbox gets and returns. */
import type { PagingRules } from '../list-query';
import type { RenderContext } from '../render-common';

export interface HandlerContext extends RenderContext {
  paging: PagingRules;
}

export interface HandlerResult {
  status: 200 | 201 | 204;
  body?: unknown;
}

/** Throws `ApiError` for 400/404 answers. */
export type Handler = (ctx: HandlerContext, body: unknown) => HandlerResult;

export const ok = (body: unknown): HandlerResult => ({ status: 200, body });
export const created = (type: string, id: string): HandlerResult => ({ status: 201, body: { data: { type, id } } });
export const noContent = (): HandlerResult => ({ status: 204 });
