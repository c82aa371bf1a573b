/** `sincro serve [--port N]`: the app's API and screen on 127.0.0.1, for a browser. */
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createApiService } from '../../host/create-api-service';
import { startWebHost } from '../../host/web-host';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';

export const DIST_WEB = fileURLToPath(new URL('../../../dist-web', import.meta.url));

export function registerServe(program: Command, env: CliEnv): void {
  program
    .command('serve')
    .description('serve the Sincro screen and API on 127.0.0.1 (open the printed address in a browser)')
    .option('--port <n>', 'the port (default: any free one)', (v) => Number(v))
    .option('--static <dir>', 'the built screen (default: dist-web; build it with npm run build:web)')
    .action(async (opts: { port?: number; static?: string }) => {
      if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port < 65536)) throw new UsageError('--port must be a port number');
      const api = createApiService(env.store(), 'web', { scheduler: { name: 'sincro serve' } });
      api.start();
      const host = await startWebHost({ api, port: opts.port, staticDir: opts.static ?? DIST_WEB, log: (line) => env.io.err(line) });
      env.io.out(`Sincro is serving on ${host.url}\nOpen this address (it carries the access token):\n  ${host.openUrl}\nStop with Ctrl-C.`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      await api.stop();
    });
}
