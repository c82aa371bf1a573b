/**
 * Cron in plain words and the one check of a schedule, shared with the host and `sincro schedule
 * list` through the API contract: what the screen accepts, the host saves and the scheduler runs.
 */
export { cronInWords, NOT_A_SCHEDULE, SCHEDULE_PRESETS } from '../../../core/api/cron-words';
export { cronFields, cronProblem, nextRunTimes, shortestInterval } from '../../../core/api/cron-check';
