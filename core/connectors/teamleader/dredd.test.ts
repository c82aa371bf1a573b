/**
 * The sandbox against the official API Blueprint with dredd: every endpoint Sincro uses is called
 * with the blueprint's example request and the answer is validated by dredd (status, headers, body
 * against the blueprint's JSON Schema, tightened so every documented property must be present and
 * array items are checked). Each call is made twice, in one dredd run: against a sandbox whose
 * records have every field filled in, and against one whose records have only their required fields
 * (`dredd/fixture-seed.ts`), where a property without a value must still be what the blueprint
 * allows (a non-nullable one never `null`).
 *
 * The blueprint is the byte-identical copy in `blueprint/apiary.apib` (md5 checked, the same file
 * as /work/shared/api/teamleader/apiary.apib). Dredd runs as its own process from node_modules.
 * `dredd/fast-hooks-loading.cjs` avoids dredd 14's 30-second deep copy of the parsed blueprint.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { blueprintEndpoint, expectedResponseSchema, type JsonSchema } from './blueprint/schema-tools';
import { sincroEndpoints, type SincroEndpoint } from './blueprint/sincro-endpoints';
import { dreddFixtureSeed, dreddIds, dreddRequiredOnlyFixtureSeed } from './dredd/fixture-seed';
import { startTeamleaderSandbox, type TeamleaderSandbox } from './sandbox/server';
import { md5 } from './scripts/extract-blueprint-schemas';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const blueprint = here('./blueprint/apiary.apib');
const dreddBin = createRequire(import.meta.url).resolve('dredd/bin/dredd');

/**
 * Lists whose example request, sent as written to the filled fixture, can match no record. Against
 * the required-only fixture every list is asked for its record by id alone (example-bodies.cjs).
 */
const unmatchableExampleFilter: Partial<Record<SincroEndpoint, string>> = {
  'deals.list': 'estimated_closing_date 2018-02-11 lies outside estimated_closing_date_from/until (January 2020)',
  'invoices.list': 'filters on a subscription_id, and the sandbox models no subscriptions',
};

/** A list's `data` must not be empty: a list that matched nothing would pass without showing a record. */
function nonEmptyList(schema: JsonSchema): JsonSchema {
  const data = (schema.properties as Record<string, JsonSchema> | undefined)?.data;
  if (data?.type === 'array') data.minItems = 1;
  return schema;
}

/** The response schema dredd checks each endpoint's answer with, per fixture (read by dredd/hooks.cjs). */
function expectedSchemas() {
  const withBody = sincroEndpoints.filter((e) => blueprintEndpoint(e).responseSchema);
  const filled = withBody.map((e) => [e, unmatchableExampleFilter[e] ? expectedResponseSchema(e) : nonEmptyList(expectedResponseSchema(e))]);
  const requiredOnly = withBody.map((e) => [e, nonEmptyList(expectedResponseSchema(e, { requiredOnly: true }))]);
  return { filled: Object.fromEntries(filled), requiredOnly: Object.fromEntries(requiredOnly) };
}

let filled: TeamleaderSandbox;
let requiredOnly: TeamleaderSandbox;
let workDir: string;
beforeAll(async () => {
  filled = await startTeamleaderSandbox({ seed: dreddFixtureSeed() });
  requiredOnly = await startTeamleaderSandbox({ seed: dreddRequiredOnlyFixtureSeed() });
  workDir = mkdtempSync(join(tmpdir(), 'sincro-dredd-'));
});
afterAll(async () => {
  await filled?.close();
  await requiredOnly?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

it('uses the official blueprint, unchanged', () => {
  expect(md5(readFileSync(blueprint, 'utf8'))).toBe('a10ea3f22a90d1fa82a099437d8dc7dc');
});

it('passes dredd for every endpoint Sincro uses, with every field filled in and with only the required ones', async () => {
  const schemasFile = join(workDir, 'expected-response-schemas.json');
  writeFileSync(schemasFile, JSON.stringify(expectedSchemas()));
  const context = {
    ids: dreddIds,
    schemasFile,
    filled: { token: (await filled.issueTokens()).accessToken },
    requiredOnly: { token: (await requiredOnly.issueTokens()).accessToken, port: new URL(requiredOnly.url).port },
  };
  const args = [
    dreddBin,
    blueprint,
    filled.url,
    `--hookfiles=${here('./dredd/hooks.cjs')}`,
    `--require=${here('./dredd/fast-hooks-loading.cjs')}`,
    '--no-color',
    '--loglevel=warning',
    // No dredd.yml is read from the working directory.
    `--config=${here('./dredd/none.yml')}`,
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TEAMLEADER_DREDD_CONTEXT: JSON.stringify(context) },
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
  expect(passing, report).toBeGreaterThanOrEqual(2 * sincroEndpoints.length);
  for (const endpoint of sincroEndpoints) {
    const call = `pass: POST \\(\\d{3}\\) /${endpoint.replace('.', '\\.')}`;
    expect(report).toMatch(new RegExp(`${call} duration`));
    expect(report).toMatch(new RegExp(`${call} \\[required fields only\\] duration`));
  }
}, 90_000);
