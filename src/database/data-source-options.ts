import { type DataSourceOptions } from 'typeorm';

type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;
import { type DatabaseConfig } from '../config';
import { entities } from './entities';
import { migrations } from './migrations';

/** One definition of the connection, shared by the app, the CLI and the tests. */
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
