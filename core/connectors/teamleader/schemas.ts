/**
 * The zod schemas of the Teamleader connector, in three files: shared building blocks, request
 * bodies (what the client sends and the sandbox accepts) and tolerant response readers.
 */
export * from './schemas-common';
export * from './schemas-requests';
export * from './schemas-responses';
