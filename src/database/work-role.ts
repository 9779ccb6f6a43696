import { Client } from 'pg';
import type { DatabaseConfig } from '../config/database.config';
import { ConfigurationError } from '../config/env';
import { APPEND_ONLY_TABLES, FORWARD_ONLY_TABLES, READ_ONLY_TABLES } from './append-only-tables';

/** The name the owner connections of the start carry in pg_stat_activity (all closed once it has started). */
export const SETUP_APPLICATION_NAME = 'firearms-registry-setup';

/** The start-up check's own connection, as the work role. */
const CHECK_APPLICATION_NAME = 'firearms-registry-check';

/**
 * Arbitrary but fixed, and taken in the maintenance database: a role belongs to the whole
 * cluster, so instances (and test runs) creating it at once must queue on one cluster-wide key,
 * whichever database they serve (an advisory lock is scoped to the database it is taken in).
 */
const ROLE_LOCK_KEY = 7_301_507_011;

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function codeOf(error: unknown): { code?: string; constraint?: string } {
  return error as { code?: string; constraint?: string };
}

/**
 * Creates the work role when it does not exist: it logs in, without a password, and may do
 * nothing by itself (no superuser, no database or role creation, no inheritance). Returns whether
 * this call created it. `client` is an owner connection to any database of the cluster (the start
 * uses the maintenance database). Concurrent callers queue on a cluster-wide advisory lock, so one
 * creates and the others find it.
 */
export async function ensureWorkRole(client: Client, role: string): Promise<boolean> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [ROLE_LOCK_KEY]);
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (found.rowCount) {
      await client.query('COMMIT');
      return false;
    }
    await client.query(
      `CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS`,
    );
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK');
    // Something that does not take the lock (an operator, another tool) created it meanwhile:
    // 42710 duplicate_object, or 23505 on the catalog index when both inserts met at once.
    const { code, constraint } = codeOf(error);
    if (code === '42710' || (code === '23505' && constraint === 'pg_authid_rolname_index')) return false;
    if (code === '42501') {
      throw new ConfigurationError([
        `DATABASE_URL: its user may not create the work role "${role}" (it needs CREATEROLE); ` +
          'create that role, or give DATABASE_APP_URL for a role of your own',
      ]);
    }
    throw error;
  }
}

/** What the work role may do on a table of the schema. */
export function privilegesOn(table: string): string {
  if (APPEND_ONLY_TABLES.includes(table)) return 'SELECT, INSERT';
  if (FORWARD_ONLY_TABLES.includes(table)) return 'SELECT, UPDATE';
  if (READ_ONLY_TABLES.includes(table)) return 'SELECT';
  return 'SELECT, INSERT, UPDATE, DELETE';
}

/**
 * Grants the work role what it needs on every table, sequence and function of the schema, as
 * they are after the migrations: run at every start, since ALTER DEFAULT PRIVILEGES only covers
 * tables created later and cannot tell an append-only table from another. With `exact` (the
 * default role, the service's own) whatever else it holds on a table is revoked first, so
 * a table that joins APPEND_ONLY_TABLES loses UPDATE and DELETE at the next start; a role given
 * in DATABASE_APP_URL is the operator's: it only gets what it lacks, and the check that follows
 * refuses it if it holds more. One transaction: no moment with a half-granted schema. Nothing is
 * written when the grants are already as they should be; returns whether they were (re)applied.
 */
export async function grantWorkRole(client: Client, role: string, options: { exact: boolean }): Promise<boolean> {
  if (await grantsInPlace(client, role, options)) return false;
  const [{ schema }] = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows;
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname`,
    [schema],
  );
  const grantee = quoteIdent(role);
  const inSchema = quoteIdent(schema);
  const statements = [`GRANT USAGE ON SCHEMA ${inSchema} TO ${grantee}`];
  for (const { name } of tables) {
    const table = `${inSchema}.${quoteIdent(name)}`;
    if (options.exact) statements.push(`REVOKE ALL ON ${table} FROM ${grantee}`);
    statements.push(`GRANT ${privilegesOn(name)} ON ${table} TO ${grantee}`);
  }
  statements.push(
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${inSchema} TO ${grantee}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${inSchema} TO ${grantee}`,
    // For tables a migration run from the command line creates before the next start re-grants:
    // the least, reading and adding, until then.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${inSchema} GRANT SELECT, INSERT ON TABLES TO ${grantee}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${inSchema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${grantee}`,
  );
  await client.query('BEGIN');
  try {
    await client.query(statements.join(';\n'));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return true;
}

const TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];

/**
 * Whether the role already holds what grantWorkRole would give it (and, when `exact`, nothing
 * more on any table): read in one query, so an ordinary start writes no catalog row.
 */
async function grantsInPlace(client: Client, role: string, options: { exact: boolean }): Promise<boolean> {
  const [state] = (
    await client.query<{ schema_usage: boolean; sequences: boolean; functions: boolean; defaults: number; tables: Array<{ name: string; held: string[] }> }>(
      `WITH s AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
       SELECT has_schema_privilege($1, (SELECT oid FROM s), 'USAGE') AS schema_usage,
              (SELECT coalesce(bool_and(has_sequence_privilege($1, c.oid, 'USAGE') AND has_sequence_privilege($1, c.oid, 'SELECT')
                                        AND has_sequence_privilege($1, c.oid, 'UPDATE')), true)
                 FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM s) AND c.relkind = 'S') AS sequences,
              (SELECT coalesce(bool_and(has_function_privilege($1, p.oid, 'EXECUTE')), true)
                 FROM pg_proc p WHERE p.pronamespace = (SELECT oid FROM s) AND p.prokind = 'f') AS functions,
              (SELECT count(DISTINCT d.defaclobjtype)::int FROM pg_default_acl d, aclexplode(d.defaclacl) a
                WHERE d.defaclnamespace = (SELECT oid FROM s) AND d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                  AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1) AND d.defaclobjtype IN ('r', 'S')) AS defaults,
              (SELECT coalesce(json_agg(json_build_object('name', c.relname, 'held',
                        ARRAY(SELECT p FROM unnest($2::text[]) AS p
                              WHERE CASE WHEN p IN ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES') THEN has_any_column_privilege($1, c.oid, p)
                                         ELSE has_table_privilege($1, c.oid, p) END))), '[]')
                 FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')) AS tables`,
      [role, TABLE_PRIVILEGES],
    )
  ).rows;
  if (!state.schema_usage || !state.sequences || !state.functions || state.defaults < 2) return false;
  return state.tables.every(({ name, held }) => {
    const wanted = privilegesOn(name).split(', ');
    if (!wanted.every((privilege) => held.includes(privilege))) return false;
    return !options.exact || held.every((privilege) => wanted.includes(privilege));
  });
}

/** The start refuses a work role that could change the audit log; the message names every reason. */
export class UnsafeWorkRoleError extends ConfigurationError {
  constructor(
    readonly role: string,
    problems: string[],
  ) {
    super(problems);
    this.name = 'UnsafeWorkRoleError';
    this.message =
      `refusing to start: the work role "${role}" (DATABASE_APP_URL) could change what must stay as written:\n` +
      `  - ${problems.join('\n  - ')}\n` +
      `The service works through a role that is not a superuser, owns no table, and holds only SELECT and INSERT on ${APPEND_ONLY_TABLES.join(', ')}.`;
  }
}

const LIST_LIMIT = 10;

function listed(names: string[]): string {
  return names.length > LIST_LIMIT ? `${names.slice(0, LIST_LIMIT).join(', ')} and ${names.length - LIST_LIMIT} more` : names.join(', ');
}

/**
 * Why the role this client is connected as may not be the work role: empty when it may. It
 * counts every role it could become (SET ROLE), not only itself.
 */
export async function workRoleProblems(client: Client): Promise<string[]> {
  const problems: string[] = [];
  const { rows: superusers } = await client.query<{ name: string; self: boolean }>(
    `SELECT rolname AS name, rolname = current_user AS self FROM pg_roles
      WHERE rolsuper AND pg_has_role(current_user, oid, 'MEMBER') ORDER BY rolname`,
  );
  if (superusers.some((row) => row.self)) problems.push('is a superuser');
  else if (superusers.length > 0) problems.push(`can become the superuser ${listed(superusers.map((row) => `"${row.name}"`))}`);

  const { rows: owned } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
        AND pg_has_role(current_user, c.relowner, 'MEMBER')
      ORDER BY c.relname`,
  );
  if (owned.length > 0) {
    problems.push(`owns (or may act as the owner of) ${owned.length} table(s) or sequence(s) of the schema, so it could alter them and switch their triggers off: ${listed(owned.map((row) => row.name))}`);
  }

  const guarded = [
    ...APPEND_ONLY_TABLES.map((name) => ({ name, privileges: ['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER'] })),
    ...FORWARD_ONLY_TABLES.map((name) => ({ name, privileges: ['DELETE', 'TRUNCATE', 'TRIGGER'] })),
  ];
  const { rows: missing } = await client.query<{ name: string }>(
    `SELECT name FROM unnest($1::text[]) AS t(name)
      WHERE to_regclass(quote_ident(current_schema()) || '.' || quote_ident(name)) IS NULL`,
    [guarded.map((table) => table.name)],
  );
  if (missing.length > 0) problems.push(`cannot be checked: no table ${listed(missing.map((row) => row.name))} in the schema`);

  const { rows: held } = await client.query<{ name: string; privilege: string }>(
    `WITH guarded AS (
       SELECT g.name, g.privilege, to_regclass(quote_ident(current_schema()) || '.' || quote_ident(g.name)) AS rel
         FROM unnest($1::text[], $2::text[]) AS g(name, privilege)
     )
     SELECT DISTINCT g.name, g.privilege FROM guarded g
       JOIN pg_roles r ON pg_has_role(current_user, r.oid, 'MEMBER')
      WHERE g.rel IS NOT NULL
        AND CASE WHEN g.privilege = 'UPDATE' THEN has_any_column_privilege(r.oid, g.rel, 'UPDATE')
                 ELSE has_table_privilege(r.oid, g.rel, g.privilege) END
      ORDER BY g.name, g.privilege`,
    [guarded.flatMap((table) => table.privileges.map(() => table.name)), guarded.flatMap((table) => table.privileges)],
  );
  const byTable = new Map<string, string[]>();
  for (const row of held) byTable.set(row.name, [...(byTable.get(row.name) ?? []), row.privilege]);
  for (const [table, privileges] of byTable) problems.push(`holds ${privileges.join(', ')} on ${table}`);
  return problems;
}

/** Connects as the work role and refuses it when it could change the audit log. */
export async function checkWorkRole(config: DatabaseConfig): Promise<void> {
  const client = new Client({ connectionString: config.url, application_name: CHECK_APPLICATION_NAME });
  try {
    await client.connect();
  } catch (error) {
    throw new ConfigurationError([
      `DATABASE_APP_URL: cannot connect as the work role "${config.appRole}": ${(error as Error).message}`,
    ]);
  }
  try {
    const [{ role }] = (await client.query<{ role: string }>('SELECT current_user AS role')).rows;
    const problems = await workRoleProblems(client);
    if (problems.length > 0) throw new UnsafeWorkRoleError(role, problems);
  } finally {
    await client.end();
  }
}
