import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseDatabaseConfig } from '../../src/config/database.config';
import { prepareDatabase } from '../../src/database/prepare-database';
import { databaseUrl, runPrefix, TEST_REDIS_URL } from './run';

/**
 * Once per run: the environment the service reads (keys, Redis prefix, log level) and a
 * migrated template database that every test file clones.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(join(process.env.TEST_DIST_DIR ?? join(__dirname, '../../dist'), 'main.js'))) {
    throw new Error('the built service is missing: run the tests with npm test, which builds first');
  }
  process.env.TEST_RUN_ID = randomBytes(4).toString('hex');
  const prefix = runPrefix();
  process.env.NODE_ENV = 'test';
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.QUEUE_PREFIX = prefix;
  process.env.JWT_PRIVATE_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  process.env.AUDIT_SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const template = `${prefix}_template`;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.DATABASE_URL = databaseUrl(template);
  await prepareDatabase(parseDatabaseConfig(process.env));
}
