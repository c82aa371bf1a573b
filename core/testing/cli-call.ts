/**
 * `sincro` called in this process on a data folder, as a user would call it, with what it printed:
 * the CLI tests' one way in (the child-process tests spawn bin/sincro.js instead).
 */
import { main } from '../cli/main';

export interface CliAnswer {
  code: number;
  out: string;
  err: string;
}

export async function sincroIn(dataDir: string, ...args: string[]): Promise<CliAnswer> {
  let out = '';
  let err = '';
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  const code = await main(['--data-dir', dataDir, ...args], { out: (t) => void (out += line(t)), err: (t) => void (err += line(t)), isTty: false });
  return { code, out, err };
}
