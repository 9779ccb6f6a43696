import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { parseEnv } from './env';

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

  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  TRUST_PROXY = false;
}

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  workers: WorkersMode;
  logLevel: string;
  trustProxy: boolean;
}

export function parseAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = parseEnv(AppEnv, env);
  return {
    env: parsed.NODE_ENV as AppConfig['env'],
    port: parsed.PORT,
    host: parsed.HOST,
    workers: parsed.WORKERS,
    logLevel: parsed.LOG_LEVEL,
    trustProxy: parsed.TRUST_PROXY,
  };
}

export const appConfig = registerAs('app', () => parseAppConfig(process.env));
