/**
 * The typed way screens call core, plus one place that turns any failure into a sentence a user
 * can read (the host already words its errors; network failures are worded here).
 */
import type { MethodInput, MethodName, MethodResult } from '../../../core/api/contract';
import type { FlowProblem } from '../../../core/api/flow-document';
import { sincroApi } from './sincro-api';

export function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  return sincroApi().call(method, input);
}

export function errorText(e: unknown): string {
  if (e instanceof TypeError && /fetch/i.test(e.message)) return 'Sincro is not reachable. Is the app (or `sincro serve`) still running?';
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Problems carried by an API error (bad input), when there are any. */
export function errorProblems(e: unknown): FlowProblem[] {
  if (e && typeof e === 'object' && 'problems' in e && Array.isArray((e as { problems: unknown }).problems)) return (e as { problems: FlowProblem[] }).problems;
  return [];
}
