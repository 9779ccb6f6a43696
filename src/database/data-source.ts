import { DataSource } from 'typeorm';
import { parseDatabaseConfig } from '../config/database.config';
import { ownerDataSourceOptions } from './data-source-options';

/**
 * The TypeORM CLI's data source (`npm run migration:*`), built from the same validated config,
 * through the owner connection (DATABASE_URL). The work role's grants on new tables follow at the
 * next start of the service.
 */
export default new DataSource(ownerDataSourceOptions(parseDatabaseConfig(process.env), 'firearms-registry-migrations'));
