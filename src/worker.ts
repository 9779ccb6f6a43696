import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createRootLogger, PinoNestLogger } from './common/logger';
import { stopOnSignals } from './common/shutdown';
import { ConfigurationError, validateEnvironment } from './config';
import { parseAppConfig } from './config/app.config';
import { parseDatabaseConfig } from './config/database.config';
import { prepareDatabase } from './database/prepare-database';
import { JobWorkers } from './queue/job-workers';
import { WorkerModule } from './worker.module';

/** Runs the queue workers without the HTTP API, for scaling them out (`npm run worker`). */
async function bootstrap(): Promise<void> {
  validateEnvironment(process.env, { signsCheckpoints: true });
  const logger = createRootLogger(parseAppConfig(process.env).logLevel);
  const database = parseDatabaseConfig(process.env);
  const { roleCreated } = await prepareDatabase(database);
  if (roleCreated) logger.info({ role: database.appRole }, 'created the work role');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new PinoNestLogger(logger) });
  // This process exists to run them, whatever WORKERS says (that setting is for the API).
  app.get(JobWorkers).start();
  logger.info('registry worker running');
  stopOnSignals(async () => {
    await app.close();
  }, logger);
}

bootstrap().catch((error: unknown) => {
  const text = error instanceof ConfigurationError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`worker failed to start: ${text}\n`);
  process.exit(1);
});
