/**
 * `sincro demo [--seed file] [--state-out file] [--json]`: the whole integration, headless, with no
 * accounts: both sandboxes, a sandbox connection to each, every template run once, a summary per
 * template with the reasons of what failed, and (optionally) both sandboxes' final state.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { closeSandboxes } from '../../catalog';
import { readSandboxSeedFile, SeedFileError, type SandboxSeeds } from '../../connectors/sandbox-seed-file';
import { Store } from '../../store/store';
import { DEMO_ORDER, demoConnections, runTemplate, sandboxStates, teamleaderRequests, teamleaderRequestsBetween, type TeamleaderRequests, type TemplateOutcome } from '../../templates/demo-run';
import { EXIT, UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { n, progressLine, table } from '../output';

/**
 * Teamleader allows 200 requests a minute, so at the real pace the demo's first sync takes as many
 * minutes as its requests / 200. Its sandbox allows more unless --real-pace is given.
 */
const DEMO_PACE = 3000;
const REAL_PACE = 200;

/** One template's run in the demo: what it did, the Teamleader requests it made and how long it took. */
interface DemoStep {
  outcome: TemplateOutcome;
  teamleader: TeamleaderRequests;
  seconds: number;
}

const requestsOf = (r: TeamleaderRequests) => r.writes + r.pages + r.lookups + r.details;

export function registerDemo(program: Command, env: CliEnv): void {
  program
    .command('demo')
    .description('run every template once against the MplusKASSA and Teamleader sandboxes (no accounts needed) and print what happened')
    .option('--seed <file>', 'a seed file { "mplus": …, "teamleader": … } instead of the demo shop')
    .option('--state-out <file>', 'write both sandboxes’ final state to this file')
    .option('--keep', 'keep the demo’s data folder (its store and sandboxes) instead of deleting it')
    .option('--real-pace', 'let the Teamleader sandbox allow 200 requests a minute, as Teamleader does (the demo then takes about 2 minutes)')
    .option('--json', 'print the summaries as JSON')
    .action(async (opts: { seed?: string; stateOut?: string; keep?: boolean; realPace?: boolean; json?: boolean }) => {
      const { io } = env;
      let seeds: SandboxSeeds = {};
      try {
        if (opts.seed) seeds = readSandboxSeedFile(opts.seed);
      } catch (e) {
        if (e instanceof SeedFileError) throw new UsageError(e.message);
        throw e;
      }
      // A store of its own: the demo never touches the user's flows, connections or history.
      const dataDir = mkdtempSync(join(tmpdir(), 'sincro-demo-'));
      const store = Store.open({ dataDir });
      const steps: DemoStep[] = [];
      try {
        const connections = await demoConnections(store, seeds, opts.realPace ? {} : { teamleaderRequestsPerMinute: DEMO_PACE });
        for (const template of DEMO_ORDER) {
          if (!opts.json) io.err(`Running ${template} …`);
          const progress = progressLine(io);
          const before = await teamleaderRequests(store, connections);
          const started = performance.now();
          const outcome = await runTemplate(store, template, connections, { onEvent: progress.onEvent });
          const seconds = (performance.now() - started) / 1000;
          steps.push({ outcome, seconds, teamleader: teamleaderRequestsBetween(before, await teamleaderRequests(store, connections)) });
          progress.done();
        }
        if (opts.stateOut) writeFileSync(opts.stateOut, `${JSON.stringify(await sandboxStates(store, connections), null, 2)}\n`);
      } finally {
        await closeSandboxes();
        store.close();
        if (!opts.keep) rmSync(dataDir, { recursive: true, force: true });
      }
      const outcomes = steps.map((s) => s.outcome);
      if (opts.json) {
        io.out(
          JSON.stringify(
            steps.map(({ outcome: o, teamleader, seconds }) => ({ template: o.template, name: o.name, status: o.summary.status, read: o.summary.read, ok: o.summary.ok, skipped: o.summary.skipped, failed: o.summary.failed, seconds: Math.round(seconds * 10) / 10, teamleader, nodes: o.summary.nodes, failures: o.failures })),
            null,
            2,
          ),
        );
      } else printDemo(env, steps, opts, dataDir);
      env.exitCode = outcomes.every((o) => o.summary.status === 'succeeded' || o.summary.status === 'partial') ? EXIT.ok : EXIT.runFailed;
    });
}

function printDemo(env: CliEnv, steps: DemoStep[], opts: { stateOut?: string; keep?: boolean; realPace?: boolean }, dataDir: string) {
  const { io } = env;
  const outcomes = steps.map((s) => s.outcome);
  const sum = (o: TemplateOutcome, k: 'created' | 'updated' | 'unchanged') => Object.values(o.summary.nodes).reduce((s, c) => s + c[k], 0);
  io.out(
    table(
      ['template', 'status', 'read', 'created', 'updated', 'skipped', 'failed'],
      outcomes.map((o) => [o.name, o.summary.status, n(o.summary.read), n(sum(o, 'created')), n(sum(o, 'updated')), n(o.summary.skipped), n(o.summary.failed)]),
    ),
  );
  for (const o of outcomes.filter((x) => x.failures.length)) {
    io.out(`\n${o.name} — why records failed:`);
    for (const f of o.failures) io.out(`  ${String(f.count).padStart(4)} × ${f.message}`);
  }
  io.out('\n“created” and “updated” count every write of the flow (customers, products and documents).');
  io.out('\nTeamleader requests per template (writes; pages of bulk reads; look-ups of one record by a key; details: reads of one record’s prices, lines or addresses, which no list gives):\n');
  io.out(
    table(
      ['template', 'writes', 'pages', 'look-ups', 'details', 'seconds'],
      steps.map((s) => [s.outcome.name, n(s.teamleader.writes), n(s.teamleader.pages), n(s.teamleader.lookups), n(s.teamleader.details), s.seconds.toFixed(1)]),
    ),
  );
  const requests = steps.reduce((sum, s) => sum + requestsOf(s.teamleader), 0);
  const seconds = steps.reduce((sum, s) => sum + s.seconds, 0);
  const atPace = (requests / REAL_PACE).toFixed(1);
  if (opts.realPace) io.out(`\n${n(requests)} Teamleader requests in ${(seconds / 60).toFixed(1)} minutes; at 200 a minute they need ${atPace}.`);
  else io.out(`\nThe Teamleader sandbox allowed ${DEMO_PACE.toLocaleString('en-US')} requests a minute; Teamleader itself allows 200, so these ${n(requests)} requests take about ${atPace} minutes there (try --real-pace).`);
  if (opts.stateOut) io.out(`Both sandboxes’ final state is in ${opts.stateOut}.`);
  if (opts.keep) io.out(`The demo’s store and sandboxes are kept in ${dataDir} (use --data-dir ${dataDir} to look at its runs).`);
}
