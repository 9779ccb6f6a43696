import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type DatabaseConfig } from '../config';
import { dataSourceOptions } from './data-source-options';

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

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates the database when it is missing. Two instances racing here are both fine. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const client = new Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
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
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations while holding a session-level advisory lock on a dedicated
 * connection, so instances starting together migrate one after the other.
 */
export async function migrate(config: DatabaseConfig): Promise<string[]> {
  const lock = new Client({ connectionString: config.url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = new DataSource({ ...dataSourceOptions(config), poolSize: 2 });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).finally(() => lock.end());
  }
}

export async function prepareDatabase(config: DatabaseConfig): Promise<{ created: boolean; applied: string[] }> {
  const created = await ensureDatabase(config.url);
  const applied = await migrate(config);
  return { created, applied };
}
