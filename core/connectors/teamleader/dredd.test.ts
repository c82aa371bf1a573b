/**
 * The sandbox against the official API Blueprint with dredd: every endpoint Sincro uses is called
 * with the blueprint's example request and the answer is validated by dredd (status, headers, body
 * against the blueprint's JSON Schema, tightened so every documented property must be present).
 *
 * The blueprint is the byte-identical copy in `blueprint/apiary.apib` (md5 checked, the same file
 * as /work/shared/api/teamleader/apiary.apib). Dredd runs as its own process from node_modules.
 * `dredd/fast-hooks-loading.cjs` avoids dredd 14's 30-second deep copy of the parsed blueprint.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sincroEndpoints } from './blueprint/sincro-endpoints';
import { dreddFixtureSeed, dreddIds } from './dredd/fixture-seed';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './sandbox/server';
import { md5 } from './scripts/extract-blueprint-schemas';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const blueprint = here('./blueprint/apiary.apib');
const dreddBin = createRequire(import.meta.url).resolve('dredd/bin/dredd');

let sandbox: TeamleaderSandbox;
beforeAll(async () => {
  sandbox = await startTeamleaderSandbox({ seed: dreddFixtureSeed() });
});
afterAll(async () => {
  await sandbox.close();
});

it('uses the official blueprint, unchanged', () => {
  expect(md5(readFileSync(blueprint, 'utf8'))).toBe('a10ea3f22a90d1fa82a099437d8dc7dc');
});

it('passes dredd for every endpoint Sincro uses', async () => {
  const tokens = await sandbox.issueTokens();
  const args = [
    dreddBin,
    blueprint,
    sandbox.url,
    `--hookfiles=${here('./dredd/hooks.cjs')}`,
    `--require=${here('./dredd/fast-hooks-loading.cjs')}`,
    '--no-color',
    '--loglevel=warning',
    // No dredd.yml is read from the working directory.
    `--config=${here('./dredd/none.yml')}`,
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TEAMLEADER_DREDD_CONTEXT: JSON.stringify({ token: tokens.accessToken, ids: dreddIds }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  const summary = /complete: (\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped, (\d+) total/.exec(output);
  const report = output
    .split('\n')
    .filter((l) => !l.startsWith('skip:'))
    .join('\n');
  expect(summary, report).not.toBeNull();
  const [passing, failing, errors] = [Number(summary?.[1]), Number(summary?.[2]), Number(summary?.[3])];
  expect({ failing, errors, code }, report).toEqual({ failing: 0, errors: 0, code: 0 });
  expect(passing, report).toBeGreaterThanOrEqual(sincroEndpoints.length);
  for (const endpoint of sincroEndpoints) expect(report).toMatch(new RegExp(`pass: POST \\(\\d{3}\\) /${endpoint.replace('.', '\\.')} `));
}, 90_000);
