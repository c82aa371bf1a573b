import type { FlowProblem } from '../api/flow-document';

/** The documented exit codes of `sincro` (README, "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** A run ended partial (some records failed) or failed. */
  runFailed: 1,
  /** The flow is invalid or the input is bad (file, JSON, option); the message names what and where. */
  badInput: 2,
  /** The data store cannot be used (damaged, newer schema, locked, not writable); it was left untouched. */
  storeUnusable: 3,
  /** Stopped by the user (Ctrl-C); the run is recorded as cancelled. */
  cancelled: 130,
} as const;

/** An error the user can fix by changing the command or its input. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The fields at fault, when the API named them (its bad-input problems). */
    readonly problems: FlowProblem[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
