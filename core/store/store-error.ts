/** Why the data file cannot be used, with a message that names the file and says what to do (exit code 3). */
export type StoreProblem = 'damaged' | 'newer' | 'foreign' | 'busy' | 'unwritable';

export class StoreError extends Error {
  constructor(
    readonly problem: StoreProblem,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Turns SQLite's error codes into messages that name the file and say what to do. */
export function explainSqliteError(e: unknown, file: string): StoreError | undefined {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('damaged', `The data file ${file} is damaged or is not a Sincro database (${code}). Run \`sincro doctor\` to check it, and \`sincro doctor --recover\` to copy everything still readable into a new data file.`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError('busy', `The data file ${file} is in use by another program and stayed locked. Close the other Sincro and try again.`);
  }
  // The extended codes too (SQLITE_IOERR_READ, SQLITE_CANTOPEN_ISDIR, …): an I/O problem is never an unexpected error.
  if (['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_FULL', 'SQLITE_IOERR'].some((c) => code === c || code.startsWith(`${c}_`))) {
    return new StoreError('unwritable', `The data file ${file} cannot be opened or written (${code}). Check the folder's permissions and free disk space.`);
  }
  return undefined;
}
