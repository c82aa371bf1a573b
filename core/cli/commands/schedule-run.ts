/**
 * `sincro schedule run`: the desktop app's scheduler without the app, in a terminal or as a
 * service (README: a systemd unit). It holds the data folder's scheduler lock, or waits for it
 * and takes over when its holder goes; it prints each planned tick and each run's outcome; on
 * SIGTERM or SIGINT it cancels what is running (recorded as cancelled), lets go of the lock and
 * exits 0.
 */
import type { Command } from 'commander';
import { holderWords, OUTCOME_WORDS } from '../../api/schedules';
import { createApiService } from '../../host/create-api-service';
import type { CliEnv } from '../cli-env';
import { n } from '../output';

const stamp = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

export function registerScheduleRun(schedule: Command, env: CliEnv): void {
  schedule
    .command('run')
    .description('run the schedules of the data folder until stopped (Ctrl-C or SIGTERM): what the desktop app does in the background, for a server')
    .action(async () => {
      const { io } = env;
      const store = env.store();
      const api = createApiService(store, 'cli', { scheduler: { name: 'sincro schedule run' } });
      const say = (text: string) => io.out(`${stamp()}  ${text}`);

      api.scheduler.events.on('holder', (c) => {
        if (c.held) say(c.tookOverFrom ? `Took over the schedules from ${holderWords(c.tookOverFrom)}, which stopped.` : 'Running the schedules of this data folder.');
        else say(`The schedules of this data folder are run by ${holderWords(c.holder)}. Waiting; this one takes over if it stops.`);
      });
      api.scheduler.events.on('logged', ({ flowName, ticks }) => {
        for (const t of ticks) {
          const times = t.ticks > 1 ? ` (${n(t.ticks)} times, ${t.plannedAt.slice(0, 16)} to ${t.lastPlannedAt.slice(0, 16)} UTC)` : '';
          say(`${flowName}: ${OUTCOME_WORDS[t.outcome]}${times}${t.runId ? `, run ${t.runId}` : ''}${t.message && t.outcome !== 'busy' ? `. ${t.message}` : ''}`);
        }
      });
      api.events.on('event', (e) => {
        if (e.type === 'finished') say(`Run ${e.summary.runId} of "${e.summary.flowName}" ${e.summary.status}: ${n(e.summary.read)} read, ${n(e.summary.ok)} done, ${n(e.summary.skipped)} skipped, ${n(e.summary.failed)} failed.`);
        else if (e.type === 'notice') io.err(`${stamp()}  ${e.title}: ${e.message}`);
      });

      const stopped = new Promise<NodeJS.Signals>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      // Signal handlers alone do not keep Node running; this does, until the signal.
      const keepAlive = setInterval(() => {}, 2 ** 30);
      const scheduled = store.flows.list().filter((f) => store.flows.get(f.id)?.doc.schedule?.enabled).length;
      say(`Sincro's scheduler for ${store.dataDir} (pid ${process.pid}): ${scheduled} flow(s) on a schedule. Stop with Ctrl-C or SIGTERM.`);
      api.start();

      const signal = await stopped;
      clearInterval(keepAlive);
      say(`${signal}: stopping (a run going on is cancelled and recorded as such).`);
      await api.stop();
      say('Stopped.');
    });
}
