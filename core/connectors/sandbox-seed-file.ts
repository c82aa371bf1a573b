/**
 * The sandbox seed file read by `sincro sandbox --seed` and `sincro demo --seed`:
 * `{ "mplus": <MplusKASSA seed>, "teamleader": <Teamleader seed> }`; either part may be left out,
 * which gives that sandbox the demo shop. Formats: mplus/sandbox/SEED.md, teamleader/sandbox/SEED.md.
 */
import { readFileSync } from 'node:fs';
import { parseJsonText } from '../flow/flow-file';
import { parseMplusSeed, type MplusSeed } from './mplus/sandbox';
import { parseTeamleaderSeed, type TeamleaderSeed } from './teamleader';

export interface SandboxSeeds {
  mplus?: MplusSeed;
  teamleader?: TeamleaderSeed;
}

export class SeedFileError extends Error {}

export function readSandboxSeedFile(path: string): SandboxSeeds {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SeedFileError(`The seed file ${path} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}.`);
  }
  let json: unknown;
  try {
    json = parseJsonText(text, `The seed file ${path}`);
  } catch (e) {
    throw new SeedFileError(e instanceof Error ? e.message : String(e));
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new SeedFileError(`The seed file ${path} must hold an object with "mplus" and/or "teamleader".`);
  const { mplus, teamleader, ...rest } = json as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new SeedFileError(`The seed file ${path} has unknown part(s) ${unknown.map((k) => `"${k}"`).join(', ')}; only "mplus" and "teamleader" are read.`);
  try {
    return {
      ...(mplus !== undefined ? { mplus: parseMplusSeed(mplus) } : {}),
      ...(teamleader !== undefined ? { teamleader: parseTeamleaderSeed(teamleader) } : {}),
    };
  } catch (e) {
    throw new SeedFileError(`The seed file ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
