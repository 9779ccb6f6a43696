import { DataSource } from 'typeorm';
import { parseDatabaseConfig } from '../config/database.config';
import { dataSourceOptions } from './data-source-options';

/** The TypeORM CLI's data source (`npm run migration:*`), built from the same validated config. */
export default new DataSource(dataSourceOptions(parseDatabaseConfig(process.env)));
