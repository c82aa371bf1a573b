/** `sincro templates list [--json]` */
import type { Command } from 'commander';
import { createTemplateCatalog } from '../../templates';
import type { CliEnv } from '../cli-env';
import { table } from '../output';

export function registerTemplates(program: Command, env: CliEnv): void {
  const templates = program.command('templates').description('the ready-made flows (MplusKASSA ⇄ Teamleader orders, customers, products)');
  templates
    .command('list')
    .option('--json', 'print JSON, with each template’s settings schema')
    .action((opts: { json?: boolean }) => {
      const list = createTemplateCatalog().list();
      if (opts.json) return env.io.out(JSON.stringify(list, null, 2));
      env.io.out(table(['template', 'name', 'apps'], list.map((t) => [t.id, t.name, t.apps.join(' → ')])));
      env.io.out('\nRun one with: sincro run --template <template> [--connections mplus=<id>,teamleader=<id>] [--set name=value] [--dry-run]');
    });
}
