import type { Logger } from 'pino';

/** Stops taking work when one is still running after this long, so an orchestrator's kill never has to. */
const SHUTDOWN_LIMIT_MS = 25_000;

/**
 * On SIGTERM or SIGINT: close the application (HTTP server, queue workers, connections),
 * then exit 0; exit 1 if closing fails or takes longer than the limit.
 */
export function stopOnSignals(close: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    timer.unref();
    close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
