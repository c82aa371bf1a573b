/** Cron in plain words: shared with `sincro schedule list` through the API contract. */
export { cronInWords, SCHEDULE_PRESETS } from '../../../core/api/cron-words';
