/**
 * `sincro settings get <name> | set <name> <value> | list`, through the API service's
 * settings.get / settings.set as the Settings screen does it. `lastPurgeAt` is not an app setting
 * of the contract (it is purging's own note of when it last ran) and is read from the store.
 */
import type { Command } from 'commander';
import type { AppSettings } from '../../api/contract';
import { describeIssue, formatPath } from '../../flow/validate-flow';
import { settingSchemas, type SettingName } from '../../store/settings';
import { didYouMean } from '../../util/closest-name';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { table } from '../output';

const names = Object.keys(settingSchemas) as SettingName[];

function settingName(name: string): SettingName {
  if (!(names as string[]).includes(name)) throw new UsageError(`There is no setting "${name}"${didYouMean(name, names)}. Settings: ${names.join(', ')}.`);
  return name as SettingName;
}

const inApi = (name: SettingName): name is keyof AppSettings => name === 'retentionDays' || name === 'notifyOn';

export function registerSettings(program: Command, env: CliEnv): void {
  const settings = program.command('settings').description('app settings (e.g. retentionDays: how long run history is kept)');
  const valueOf = async (name: SettingName): Promise<unknown> => (inApi(name) ? (await env.call('settings.get', {}))[name] : env.store().settings.get(name));
  settings.command('list').action(async () => {
    const app = await env.call('settings.get', {});
    env.io.out(table(['setting', 'value'], names.map((k) => [k, JSON.stringify(inApi(k) ? app[k] : env.store().settings.get(k))])));
  });
  settings
    .command('get')
    .argument('<name>')
    .action(async (name: string) => env.io.out(JSON.stringify(await valueOf(settingName(name)))));
  settings
    .command('set')
    .argument('<name>')
    .argument('<value>', 'a JSON value, e.g. 30')
    .action(async (name: string, raw: string) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
      await env.api(); // a store that cannot be used is exit 3, not bad input
      const setting = settingName(name);
      // The command's own forms first (notifyOn as "failed,partial"), said as the store says them.
      const parsed = settingSchemas[setting].safeParse(value);
      const issue = parsed.error?.issues[0];
      if (issue) throw new UsageError(`setting ${setting}: ${issue.path.length ? `${formatPath(issue.path)} ` : ''}${describeIssue(issue)}.`);
      const saved = inApi(setting) ? (await env.call('settings.set', { [setting]: parsed.data }))[setting] : env.store().settings.set(setting, parsed.data);
      env.io.out(`${name} = ${JSON.stringify(saved)}`);
    });
}
