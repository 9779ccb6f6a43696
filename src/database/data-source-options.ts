import { type DataSourceOptions } from 'typeorm';

type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;
import { type DatabaseConfig } from '../config';
import { entities } from './entities';
import { migrations } from './migrations';

/**
 * One definition of the connection, shared by the app, the CLI and the tests: the work
 * connection (DATABASE_APP_URL), through which every request and job runs.
 */
export function dataSourceOptions(config: DatabaseConfig): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: config.url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    poolSize: config.poolSize,
    extra: { application_name: 'firearms-registry' },
  };
}

/** The same through the owner connection (DATABASE_URL), for migrations alone. */
export function ownerDataSourceOptions(config: DatabaseConfig, applicationName: string): PostgresConnectionOptions {
  return { ...dataSourceOptions(config), url: config.ownerUrl, extra: { application_name: applicationName } };
}
