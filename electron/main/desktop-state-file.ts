/**
 * The shell's own small memory, one JSON file in the data folder: the window's place and whether
 * the user was already told that Sincro keeps running in the tray. A missing or damaged file
 * means "nothing remembered", never a failed start. Writes go through a temp file and a rename so
 * a crash mid-write cannot leave half a file.
 */
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../../core/util/private-files';
import { z } from 'zod';
import { windowStateSchema } from './window-state';

export const DESKTOP_STATE_FILE = 'desktop-state.json';

const desktopStateSchema = z.object({
  window: windowStateSchema.optional(),
  trayHintShown: z.boolean().optional(),
});
export type DesktopState = z.infer<typeof desktopStateSchema>;

export class DesktopStateFile {
  readonly path: string;
  private state: DesktopState;

  constructor(dataDir: string) {
    this.path = join(dataDir, DESKTOP_STATE_FILE);
    this.state = readState(this.path);
  }

  get(): DesktopState {
    return this.state;
  }

  update(patch: Partial<DesktopState>): void {
    this.state = { ...this.state, ...patch };
    const tmp = `${this.path}.tmp`;
    writePrivateFile(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.path);
  }
}

function readState(path: string): DesktopState {
  try {
    const parsed = desktopStateSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
