import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { defaultAppUrl, userOf } from './database-url';
import { parseEnv } from './env';

const POSTGRES_URL = /^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/;

class DatabaseEnv {
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL that names a database' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registry';

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_APP_URL must be a postgres:// URL that names a database' })
  DATABASE_APP_URL?: string = undefined;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;
}

export interface DatabaseConfig {
  /**
   * The work connection (DATABASE_APP_URL): every request, job, report, import and check runs
   * through it. It is neither a superuser nor the owner of any table.
   */
  url: string;
  /**
   * The owner connection (DATABASE_URL): database creation, migrations, the work role and its
   * grants, at start only (prepareDatabase) and in the migration commands.
   */
  ownerUrl: string;
  /** The work role, as named in `url`. */
  appRole: string;
  /**
   * True when DATABASE_APP_URL was given: the role is the operator's (it may need a password), so
   * the start does not create it or take privileges from it; it checks it and refuses a role
   * that could change the audit log.
   */
  appUrlGiven: boolean;
  poolSize: number;
}

export function parseDatabaseConfig(env: NodeJS.ProcessEnv): DatabaseConfig {
  const parsed = parseEnv(DatabaseEnv, env);
  const url = parsed.DATABASE_APP_URL ?? defaultAppUrl(parsed.DATABASE_URL);
  return {
    url,
    ownerUrl: parsed.DATABASE_URL,
    appRole: userOf(url),
    appUrlGiven: parsed.DATABASE_APP_URL !== undefined,
    poolSize: parsed.DATABASE_POOL_SIZE,
  };
}

export const databaseConfig = registerAs('database', () => parseDatabaseConfig(process.env));
