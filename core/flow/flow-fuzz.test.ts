/**
 * A fuzz test of flow documents: about 1,000 malformed flows (wrong types, unknown node types,
 * unknown keys, bad ports, loops, deep nesting, huge strings, bad expressions, bad settings), each
 * through the validation path `sincro run flow.json` takes — parseFlowText, then checkFlow — in
 * this process, and a sample through the real command. Each must be answered "invalid" (exit 2)
 * naming the node and the field, never with a stack trace or an internal error's words.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowProblem } from '../api/flow-document';
import { createRegistry } from '../catalog';
import { tempDir } from '../testing/golden';
import { baseFlows, malformedFlow, type FuzzCase } from './flow-fuzz.arbitraries';
import { FlowFileError, parseFlowText } from './flow-file';
import { checkFlow } from './validate-flow';

const SEED = 20_261_202;
const RUNS = 1000;
const registry = createRegistry();
const dir = tempDir('sincro-fuzz-');
writeFileSync(join(dir.path, 'in.csv'), 'id,email,method\n1,a@example.com,ideal\n');
afterAll(() => dir.remove());

/** What an internal error looks like to a user: never acceptable as an answer. */
const INTERNAL = /Cannot read propert|undefined is not|is not a function|is not iterable|Maximum call stack|Unexpected error|unexpected error|\n\s+at .+[(:]\d+/;

/** The CLI's answer, in process: `invalid` with its problems and text, or `valid`. */
async function validate(text: string): Promise<{ invalid: true; problems: FlowProblem[]; text: string } | { invalid: false }> {
  let doc;
  try {
    doc = parseFlowText(text, 'The flow file fuzz.json');
  } catch (e) {
    if (e instanceof FlowFileError) return { invalid: true, problems: e.problems, text: e.message };
    throw e;
  }
  const v = await checkFlow(doc, registry, { baseDir: dir.path, connection: () => undefined });
  return v.ok ? { invalid: false } : { invalid: true, problems: v.problems, text: v.problems.map((p) => p.message).join('\n') };
}

/** The problem that names the fault: its node (when in a node) and its field. */
function namesTheFault(c: FuzzCase, problems: FlowProblem[]): boolean {
  return problems.some((p) => (p.path ?? '').startsWith(c.field) && (c.node === undefined || p.node === c.node || p.message.includes(`Node "${c.node}"`)));
}

const describeCase = (c: FuzzCase) => `${c.kind} (node ${c.node ?? '-'}, field ${c.field}): ${c.text.length > 300 ? `${c.text.slice(0, 300)}… (${c.text.length} characters)` : c.text}`;

describe('fuzz: malformed flow documents', () => {
  it('the base flows are valid, so each case is invalid only by its fault', async () => {
    for (const base of baseFlows()) expect(await validate(JSON.stringify(base))).toEqual({ invalid: false });
  });

  it(`answers ${RUNS} malformed flows "invalid", naming the node and field, never with an internal error (seed ${SEED})`, async () => {
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(malformedFlow(registry), async (c) => {
        kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
        let answer;
        try {
          answer = await validate(c.text);
        } catch (e) {
          throw new Error(`Seed ${SEED}: not answered as invalid input but thrown (exit 1): ${e instanceof Error ? e.stack : String(e)}\n${describeCase(c)}`);
        }
        if (!answer.invalid) throw new Error(`Seed ${SEED}: accepted as valid: ${describeCase(c)}`);
        if (INTERNAL.test(answer.text)) throw new Error(`Seed ${SEED}: an internal error in the answer: ${answer.text.slice(0, 500)}\n${describeCase(c)}`);
        if (!namesTheFault(c, answer.problems)) throw new Error(`Seed ${SEED}: the answer does not name node ${c.node ?? '-'} and field ${c.field}: ${JSON.stringify(answer.problems).slice(0, 800)}\n${describeCase(c)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Every kind of fault was tried, and tried often.
    expect([...kinds.keys()].sort()).toEqual(
      [
        'bad expression',
        'bad port',
        'bad settings schema',
        'deep nesting in a config',
        'deep nesting in settings',
        'edge to a missing node',
        'huge string',
        'loop',
        'setting against its schema',
        'setting not set',
        'setting of the wrong type',
        'unknown config key',
        'unknown document key',
        'unknown node key',
        'unknown node type',
        'wrong type in a config',
        'wrong type in a node',
        'wrong type in the document',
      ].sort(),
    );
  }, 60_000);

  it('answers a sample through the real command: exit 2, node and field named, no stack trace', async () => {
    const sample = fc.sample(malformedFlow(registry), { seed: SEED + 1, numRuns: 10 });
    const run = (c: FuzzCase, i: number) =>
      new Promise<{ c: FuzzCase; code: number | null; err: string }>((done) => {
        const file = join(dir.path, `case-${i}.json`);
        writeFileSync(file, c.text);
        execFile(process.execPath, [resolve('bin/sincro.js'), '--data-dir', join(dir.path, `data-${i}`), 'run', file], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, _out, err) => {
          done({ c, code: error ? ((error as { code?: number }).code ?? null) : 0, err });
        });
      });
    const results = [];
    // Five at a time: each command starts its own Node with the TypeScript loader.
    for (let i = 0; i < sample.length; i += 5) results.push(...(await Promise.all(sample.slice(i, i + 5).map((c, j) => run(c, i + j)))));
    for (const { c, code, err } of results) {
      const context = `seed ${SEED + 1}: ${describeCase(c)}\n${err.slice(0, 500)}`;
      expect(code, context).toBe(2);
      expect(err, context).not.toMatch(INTERNAL);
      if (c.node !== undefined) expect(err, context).toMatch(new RegExp(`Node "${c.node}"|node ${c.node}\\b`));
      expect(err.includes(c.field) || err.includes(c.field.replace(/^nodes\[\d+\]\./, '')), context).toBe(true);
    }
  }, 120_000);
});
