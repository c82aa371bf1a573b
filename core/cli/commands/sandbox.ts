/**
 * `sincro sandbox`: both vendors' sandboxes on 127.0.0.1 with seeded data, until stopped; prints
 * where they are and the credentials to use (they are the sandbox's own, not secrets of anyone).
 */
import type { Command } from 'commander';
import { parseFaults, FaultSpecError, type FaultSpec } from '../../connectors/sandbox-faults';
import { readSandboxSeedFile, SeedFileError } from '../../connectors/sandbox-seed-file';
import { startMplusSandbox } from '../../connectors/mplus/sandbox';
import { startTeamleaderSandbox } from '../../connectors/teamleader';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';

const portOption = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`"${v}" is not a port number`);
  return n;
};

const perMinuteOption = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`--teamleader-requests-per-minute: "${v}" is not a whole number from 1 to 100000`);
  return n;
};

export function registerSandbox(program: Command, env: CliEnv): void {
  program
    .command('sandbox')
    .description('run the MplusKASSA and Teamleader sandboxes on 127.0.0.1 with demo (or your) data, until stopped')
    .option('--mplus-port <n>', 'port of the MplusKASSA sandbox (default: any free one)', portOption)
    .option('--teamleader-port <n>', 'port of the Teamleader sandbox (default: any free one)', portOption)
    .option('--seed <file>', 'a seed file { "mplus": …, "teamleader": … } (default: the demo shop)')
    .option('--teamleader-requests-per-minute <n>', "requests a minute the Teamleader sandbox allows (default 200, Teamleader's own limit)", perMinuteOption)
    .option('--faults <spec>', 'misbehave on purpose, e.g. error5xx=0.1,burst429=5/50,latency=20-80,malformed=0.02,drop=0.02,seed=7')
    .option('--json', 'print the addresses and credentials as JSON')
    .action(async (opts: { mplusPort?: number; teamleaderPort?: number; teamleaderRequestsPerMinute?: number; seed?: string; faults?: string; json?: boolean }) => {
      let faults: FaultSpec;
      let seeds;
      try {
        faults = parseFaults(opts.faults);
        seeds = opts.seed ? readSandboxSeedFile(opts.seed) : {};
      } catch (e) {
        if (e instanceof FaultSpecError || e instanceof SeedFileError) throw new UsageError(e instanceof FaultSpecError ? `--faults: ${e.message}` : e.message);
        throw e;
      }
      const mplus = await startMplusSandbox({ port: opts.mplusPort, seed: seeds.mplus, faults });
      const perMinute = opts.teamleaderRequestsPerMinute;
      const teamleader = await startTeamleaderSandbox({ port: opts.teamleaderPort, seed: seeds.teamleader, faults, ...(perMinute ? { rateLimit: { limit: perMinute, windowMs: 60_000 } } : {}) });
      const tokens = await teamleader.issueTokens();
      const info = {
        mplus: { url: mplus.url, ident: mplus.ident, secret: mplus.secret, wsdl: `${mplus.url}/?wsdl`, state: `${mplus.url}/__sandbox/state` },
        teamleader: { url: teamleader.url, clientId: teamleader.clientId, clientSecret: teamleader.clientSecret, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Math.round(tokens.expiresAt), requestsPerMinute: perMinute ?? 200, state: `${teamleader.url}/__sandbox/state` },
      };
      if (opts.json) env.io.out(JSON.stringify(info));
      else {
        env.io.out(
          [
            'Sandboxes are running (Ctrl-C stops them; their data is not kept).',
            '',
            `MplusKASSA  ${info.mplus.url}   ident ${info.mplus.ident}   secret ${info.mplus.secret}`,
            `            WSDL ${info.mplus.wsdl}   all data: ${info.mplus.state}`,
            `Teamleader  ${info.teamleader.url}   client id ${info.teamleader.clientId}   client secret ${info.teamleader.clientSecret}`,
            `            access token ${info.teamleader.accessToken}`,
            `            all data: ${info.teamleader.state}`,
            '',
            `Connect a flow to them with: sincro connections add mplus-sandbox … or in the app: Connections → Add a sandbox.`,
            opts.faults ? `Faults: ${opts.faults}` : '',
          ]
            .filter((l, i, all) => l || all[i - 1])
            .join('\n'),
        );
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await Promise.all([mplus.close(), teamleader.close()]);
    });
}
