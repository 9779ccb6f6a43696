import 'reflect-metadata';
import { closeApp, createApp } from './app.factory';
import { createRootLogger } from './common/logger';
import { stopOnSignals } from './common/shutdown';
import { apiSignsCheckpoints, ConfigurationError, validateEnvironment } from './config';
import { parseAppConfig } from './config/app.config';
import { parseDatabaseConfig } from './config/database.config';
import { prepareDatabase } from './database/prepare-database';

async function bootstrap(): Promise<void> {
  // Only a process that runs the workers signs checkpoints: WORKERS=off needs no private key.
  validateEnvironment(process.env, { signsCheckpoints: apiSignsCheckpoints });
  const config = parseAppConfig(process.env);
  const logger = createRootLogger(config.logLevel);
  const database = parseDatabaseConfig(process.env);
  const { created, roleCreated, applied } = await prepareDatabase(database);
  if (created) logger.info('created the database');
  if (roleCreated) logger.info({ role: database.appRole }, 'created the work role');
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');
  const app = await createApp({ logger });
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, workers: config.workers }, 'registry API listening');
  stopOnSignals(async () => {
    await closeApp(app);
  }, logger);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
