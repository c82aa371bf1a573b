/**
 * Where the desktop app saves a run's export: the OS save dialog, opened in the Downloads folder
 * with the run's file name and its format as the only file type.
 */
export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

export function exportDialogOptions(fileName: string, format: 'csv' | 'ndjson', downloadsDir: string, join: (...parts: string[]) => string): SaveDialogOptions {
  return {
    title: 'Export the records of this run',
    defaultPath: join(downloadsDir, fileName),
    buttonLabel: 'Export',
    filters: [format === 'csv' ? { name: 'CSV (spreadsheets)', extensions: ['csv'] } : { name: 'NDJSON (one record a line, with its history)', extensions: ['ndjson'] }],
  };
}

/** The path the user chose, or null when they cancelled. */
export function chosenPath(answer: { canceled: boolean; filePath?: string }): string | null {
  return answer.canceled || !answer.filePath ? null : answer.filePath;
}
