/** An API call that cannot be done, with a message for the user (and the fields, for bad input). */
import type { FlowProblem } from '../api/flow-document';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: 'bad-input' | 'not-found' | 'failed' = 'failed',
    readonly problems?: FlowProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
