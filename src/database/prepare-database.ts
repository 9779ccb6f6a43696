import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type DatabaseConfig } from '../config';
import { ownerDataSourceOptions } from './data-source-options';
import { checkWorkRole, ensureWorkRole, grantWorkRole, quoteIdent, SETUP_APPLICATION_NAME } from './work-role';

/** Arbitrary but fixed: every instance takes this advisory lock before migrating. */
const MIGRATION_LOCK_KEY = 7_301_507_010;

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function maintenanceUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

/**
 * Creates the database when it is missing, through an owner connection to the maintenance
 * database. Two instances racing here are both fine.
 */
export async function ensureDatabase(client: Client, name: string): Promise<boolean> {
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.rowCount) return false;
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  } catch (error) {
    // Another instance created it first: 42P04 duplicate_database, or 23505 on the catalog
    // index when both CREATE DATABASE statements ran at the same instant.
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '42P04' || (code === '23505' && constraint === 'pg_database_datname_index')) return false;
    throw error;
  }
}

/**
 * Applies pending migrations, then grants the work role what it needs on the schema as the
 * migrations left it, while holding a session-level advisory lock on a dedicated connection, so
 * instances starting together migrate and grant one after the other.
 */
export async function migrate(config: DatabaseConfig): Promise<string[]> {
  const lock = new Client({ connectionString: config.ownerUrl, application_name: SETUP_APPLICATION_NAME });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = new DataSource({ ...ownerDataSourceOptions(config, SETUP_APPLICATION_NAME), poolSize: 2 });
    await dataSource.initialize();
    let applied: string[];
    try {
      applied = (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
    const exists = await lock.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [config.appRole]);
    // A role given in DATABASE_APP_URL that does not exist: the check names the failed connection.
    if (exists.rowCount) await grantWorkRole(lock, config.appRole, { exact: !config.appUrlGiven });
    return applied;
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).finally(() => lock.end());
  }
}

/** The database named by DATABASE_URL does not exist, and the caller may not create it. */
export class DatabaseMissingError extends Error {
  constructor(readonly database: string) {
    super(`database "${database}" does not exist`);
    this.name = 'DatabaseMissingError';
  }
}

/** `host:port/database` of a connection URL: what to tell a person, never its user or password. */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}/${databaseName(url)}`;
}

export interface PreparedDatabase {
  /** This start created the database. */
  created: boolean;
  /** This start created the work role (DATABASE_APP_URL not given, and the role was missing). */
  roleCreated: boolean;
  /** Migrations this start applied. */
  applied: string[];
}

/**
 * Everything the owner connection (DATABASE_URL) is for, then closed: the database, the work
 * role, the migrations and the grants. Ends by checking the work role through its own connection,
 * and throws UnsafeWorkRoleError when it could change the audit log. With `createDatabase: false`
 * (the create-user command) a missing database is refused with DatabaseMissingError instead.
 */
export async function prepareDatabase(
  config: DatabaseConfig,
  options: { createDatabase?: boolean } = {},
): Promise<PreparedDatabase> {
  const maintenance = new Client({ connectionString: maintenanceUrl(config.ownerUrl), application_name: SETUP_APPLICATION_NAME });
  await maintenance.connect();
  let created = false;
  let roleCreated = false;
  try {
    const name = databaseName(config.ownerUrl);
    if (options.createDatabase === false) {
      const found = await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!found.rowCount) throw new DatabaseMissingError(name);
    } else {
      created = await ensureDatabase(maintenance, name);
    }
    if (!config.appUrlGiven) roleCreated = await ensureWorkRole(maintenance, config.appRole);
  } finally {
    await maintenance.end();
  }
  const applied = await migrate(config);
  await checkWorkRole(config);
  return { created, roleCreated, applied };
}
