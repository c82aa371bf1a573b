/** `sincro doctor [--recover]`: SQLite's full integrity check of the data file, and recovery of a damaged one. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TableRecovery } from '../../store/copy-readable-rows';
import { migrations } from '../../store/migrations';
import { recoverStore } from '../../store/recover';
import { examineStoreFile, refusal, type StoreFileVerdict } from '../../store/store-file';
import { DB_FILE } from '../../store/store';
import { describePlace, MAX_DAMAGED_VALUES } from '../../store/stored-json';
import { EXIT } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { n, table } from '../output';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export function registerDoctor(program: Command, env: CliEnv): void {
  program
    .command('doctor')
    .description("check the data file with SQLite's integrity check; --recover copies what is still readable of a damaged file into a new one")
    .option('--recover', 'recover a damaged data file: the readable rows go into a new file that takes its place; the damaged file is kept beside it')
    .action((opts: { recover?: boolean }) => {
      const file = join(env.dataDir(), DB_FILE);
      if (!existsSync(file)) {
        env.io.out(`There is no data file at ${file} yet: nothing to check.`);
        return;
      }
      if (opts.recover) return recover(env, file);
      const verdict = examineStoreFile(file, migrations.at(-1)?.version ?? 0, 'integrity_check');
      const refused = refusal(verdict, file);
      if (refused) {
        env.io.err(refused.message);
        if (verdict.kind === 'damaged' && verdict.values) env.io.err(`\nDamaged values${verdict.values.length >= MAX_DAMAGED_VALUES ? ` (the first ${MAX_DAMAGED_VALUES})` : ''}:\n${verdict.problems.map((p) => `  ${p}`).join('\n')}`);
        env.exitCode = EXIT.storeUnusable;
        return;
      }
      env.io.out(healthy(file, verdict));
    });
}

function healthy(file: string, verdict: StoreFileVerdict): string {
  if (verdict.kind !== 'sincro') return `The data file ${file} is empty: Sincro fills it on first use.`;
  return `The data file ${file} is healthy: SQLite's integrity check found no problems (${mb(verdict.bytes)}, schema ${verdict.version}).`;
}

function recover(env: CliEnv, file: string): void {
  const outcome = recoverStore(file);
  if (outcome.kind === 'not-damaged') {
    env.io.out(`${healthy(file, outcome.verdict)} Nothing to recover.`);
    return;
  }
  const lost = outcome.tables.filter((t) => t.skipped.length);
  env.io.out(`Recovered the data file ${file}: the rows still readable were copied into a new file, which passed SQLite's integrity check and is now in place.`);
  env.io.out(`The damaged file is kept as ${outcome.keptAs} (Sincro never deletes it).\n`);
  env.io.out(table(['table', 'rows copied', 'could not be read'], outcome.tables.map((t) => [t.table, n(t.copied), describeSkipped(t)])));
  if (lost.length) env.io.out(`\nSome rows of ${lost.map((t) => t.table).join(', ')} sat on damaged pages and are lost; restore a backup if you need them.`);
  if (outcome.setAside.length) {
    env.io.out(`\nValues that could not be read were set aside in the new file (the damaged file keeps them):`);
    for (const v of outcome.setAside) env.io.out(`  ${describePlace(v)}: ${v.done}`);
  }
  if (outcome.orphans) env.io.out(`${n(outcome.orphans)} row(s) lost the row they belong to (e.g. a run's records whose run was on a damaged page); they are kept and still found by \`sincro runs find\`.`);
}

function describeSkipped(t: TableRecovery): string {
  if (!t.skipped.length) return '';
  if (t.skipped.some((s) => s.from <= Number.MIN_SAFE_INTEGER + 1 && s.to === undefined)) return 'the whole table';
  return t.skipped.map((s) => (s.to === undefined ? `rows after row ${n(s.from - 1)}` : s.from === s.to ? `row ${n(s.from)}` : `rows ${n(s.from)}–${n(s.to)}`)).join(', ');
}
