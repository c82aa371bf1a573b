/** `sincro settings get <name> | set <name> <value> | list` */
import type { Command } from 'commander';
import { settingSchemas, type SettingName } from '../../store/settings';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { table } from '../output';

const names = Object.keys(settingSchemas) as SettingName[];

function settingName(name: string): SettingName {
  if (!(names as string[]).includes(name)) throw new UsageError(`There is no setting "${name}". Settings: ${names.join(', ')}.`);
  return name as SettingName;
}

export function registerSettings(program: Command, env: CliEnv): void {
  const settings = program.command('settings').description('app settings (e.g. retentionDays: how long run history is kept)');
  settings
    .command('list')
    .action(() => env.io.out(table(['setting', 'value'], names.map((k) => [k, JSON.stringify(env.store().settings.get(k))]))));
  settings
    .command('get')
    .argument('<name>')
    .action((name: string) => env.io.out(JSON.stringify(env.store().settings.get(settingName(name)))));
  settings
    .command('set')
    .argument('<name>')
    .argument('<value>', 'a JSON value, e.g. 30')
    .action((name: string, raw: string) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
      const store = env.store(); // a store that cannot be used is exit 3, not bad input
      try {
        const saved = store.settings.set(settingName(name), value);
        env.io.out(`${name} = ${JSON.stringify(saved)}`);
      } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e));
      }
    });
}
