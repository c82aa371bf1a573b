/**
 * A clean stop, in order: the scheduler stops, running runs are cancelled and awaited (core records
 * them as cancelled), then the store is closed (flushing the run log). It runs once however many
 * quit paths trigger it, and a run that will not stop cannot keep the app from quitting forever.
 */

export interface ShutdownSteps {
  /** ApiService.stop: stops the scheduler, cancels runs and waits for them. */
  stopApi(): Promise<void>;
  closeStore(): void;
  logError(message: string, error: unknown): void;
  /** How long to wait for runs to wind down before closing anyway. */
  timeoutMs?: number;
}

export function createShutdown(steps: ShutdownSteps): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= (async () => {
      const timeoutMs = steps.timeoutMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          steps.stopApi(),
          new Promise<void>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`runs did not stop within ${timeoutMs / 1000} s`)), timeoutMs);
          }),
        ]);
      } catch (e) {
        steps.logError('Stopping the scheduler and runs failed', e);
      } finally {
        clearTimeout(timer);
      }
      try {
        steps.closeStore();
      } catch (e) {
        steps.logError('Closing the store failed', e);
      }
    })();
    return running;
  };
}
