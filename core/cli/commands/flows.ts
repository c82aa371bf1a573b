/**
 * `sincro flows list | import <file> | export <id> [--out file] | versions <id> | update <id> | delete <id>`,
 * through the API service as the screen does it.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { flowFileWhere, readFlowText, serializeFlow } from '../../flow/flow-file';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { formatProblems, table } from '../output';

export function registerFlows(program: Command, env: CliEnv): void {
  const flows = program.command('flows').description('the stored flows');
  const { io } = env;

  flows
    .command('list')
    .description('list the stored flows')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await env.call('flows.list', {});
      if (opts.json) return io.out(JSON.stringify(list, null, 2));
      if (!list.length) return io.out('No flows are stored yet. Import one with: sincro flows import <file>');
      io.out(table(['id', 'name', 'version', 'saved', 'last run'], list.map((f) => [f.id, f.name, f.damaged ? `${f.version} (damaged)` : f.version, f.updatedAt.slice(0, 19).replace('T', ' '), f.lastRun ? `${f.lastRun.status} ${f.lastRun.startedAt.slice(0, 16).replace('T', ' ')}` : '-'])));
      for (const f of list) if (f.damaged) io.out(`\n${f.name}: ${f.damaged}`);
    });

  flows
    .command('import')
    .description('store a flow file (a new version when a flow with its id exists)')
    .argument('<file>')
    .action(async (file: string) => {
      // As the screen imports: the file's text is parsed by the API, then saved.
      const parsed = await env.call('flows.parse', { text: readFlowText(file), fileName: flowFileWhere(file) });
      if (!parsed.doc) throw new UsageError(parsed.error ?? `${flowFileWhere(file)} is not a valid Sincro flow.`);
      const doc = parsed.doc;
      const saved = await env.call('flows.save', { doc, note: `imported from ${file}`, baseDir: dirname(resolve(file)) });
      io.out(saved.changed ? `Stored flow "${doc.name}" (${doc.id}) as version ${saved.version}.` : `Flow "${doc.name}" (${doc.id}) is unchanged; it stays at version ${saved.version}.`);
      if (parsed.problems.length) io.err(`It cannot run until these are fixed:\n${formatProblems(parsed.problems)}`);
    });

  flows
    .command('export')
    .description('write a stored flow as a JSON file (flows never contain secrets)')
    .argument('<id>')
    .option('--out <file>', 'write to this file instead of the screen')
    .option('--flow-version <n>', 'an earlier version', (v) => Number(v))
    .action(async (id: string, opts: { out?: string; flowVersion?: number }) => {
      const stored = await env.call('flows.get', { id, version: opts.flowVersion });
      if (!stored) throw new UsageError(`There is no stored flow "${id}"${opts.flowVersion ? ` with version ${opts.flowVersion}` : ''}.`);
      if (opts.out) {
        writeFileSync(opts.out, serializeFlow(stored.doc));
        io.out(`Wrote "${stored.doc.name}" version ${stored.version} to ${opts.out}.`);
      } else io.out(serializeFlow(stored.doc));
    });

  flows
    .command('versions')
    .description('list the saved versions of a flow')
    .argument('<id>')
    .action(async (id: string) => {
      const versions = await env.call('flows.versions', { id });
      if (!versions.length) throw new UsageError(`There is no stored flow "${id}".`);
      io.out(table(['version', 'saved', 'note'], versions.map((v) => [v.version, v.savedAt.slice(0, 19).replace('T', ' '), v.note])));
    });

  flows
    .command('update')
    .description('make a flow made from a template again from the template’s newest version, keeping its settings, connections and notes')
    .argument('<id>')
    .action(async (id: string) => {
      const stored = await env.call('flows.get', { id });
      if (!stored) throw new UsageError(`There is no stored flow "${id}".`);
      const made = stored.doc.template;
      if (!made) throw new UsageError(`The flow "${stored.doc.name}" was not made from a template: there is nothing to update it from.`);
      const template = (await env.call('templates.list', {})).find((t) => t.id === made.id);
      if (template && template.version <= made.version) return io.out(`"${stored.doc.name}" has the steps of the newest version (${made.version}) of the template "${template.name}"; nothing to update.`);
      // The API refuses a template this Sincro lacks, or a flow without its connections, naming them.
      const updated = await env.call('templates.update', { doc: stored.doc });
      const saved = await env.call('flows.save', { doc: updated.doc, note: `updated to version ${updated.to} of its template` });
      io.out(`Updated "${stored.doc.name}" from version ${updated.from} to version ${updated.to} of its template; stored as version ${saved.version} of the flow. Its settings, connections and notes are kept; the earlier steps stay in version ${stored.version} (sincro flows export ${id} --flow-version ${stored.version}).`);
      for (const c of template?.changes.filter((x) => x.version > updated.from) ?? []) io.out(`- version ${c.version}: ${c.text}`);
      if (saved.problems.length) io.err(`It cannot run until these are fixed:\n${formatProblems(saved.problems)}`);
    });

  flows
    .command('delete')
    .description('delete a stored flow and its versions (its run history stays)')
    .argument('<id>')
    .action(async (id: string) => {
      if (!(await env.call('flows.delete', { id })).deleted) throw new UsageError(`There is no stored flow "${id}".`);
      io.out(`Deleted flow ${id}. Its runs stay in the history until they are purged.`);
    });
}
