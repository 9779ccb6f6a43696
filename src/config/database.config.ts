import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { parseEnv } from './env';

class DatabaseEnv {
  @Matches(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/, {
    message: 'DATABASE_URL must be a postgres:// URL that names a database',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registry';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;
}

export interface DatabaseConfig {
  url: string;
  poolSize: number;
}

export function parseDatabaseConfig(env: NodeJS.ProcessEnv): DatabaseConfig {
  const parsed = parseEnv(DatabaseEnv, env);
  return { url: parsed.DATABASE_URL, poolSize: parsed.DATABASE_POOL_SIZE };
}

export const databaseConfig = registerAs('database', () => parseDatabaseConfig(process.env));
