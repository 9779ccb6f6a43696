import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { parseEnv } from './env';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

export enum WorkersMode {
  Inline = 'inline',
  Off = 'off',
}

class AppEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(Object.values(WorkersMode))
  WORKERS: WorkersMode = WorkersMode.Inline;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Which proxies' X-Forwarded-For to believe: a hop count (`1` = the nearest proxy) or a
   * comma-separated list of proxy addresses or CIDR ranges. Never every hop: a client could
   * then name any address it likes and so get round the per-address login limit.
   */
  @IsString()
  @Matches(/^(\d{1,2}|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*)$/, {
    message: 'TRUST_PROXY must be a hop count (0..99) or a comma-separated list of proxy addresses or CIDR ranges (never true)',
  })
  TRUST_PROXY = '0';
}

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  workers: WorkersMode;
  logLevel: string;
  trustProxy: TrustProxy;
}

export function parseAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = parseEnv(AppEnv, env);
  return {
    env: parsed.NODE_ENV as AppConfig['env'],
    port: parsed.PORT,
    host: parsed.HOST,
    workers: parsed.WORKERS,
    logLevel: parsed.LOG_LEVEL,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
  };
}

export const appConfig = registerAs('app', () => parseAppConfig(process.env));
