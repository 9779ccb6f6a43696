import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { parseEnv } from './env';

class ItiEnv {
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'ITI_RESPONSE_DAYS must be a whole number of days' })
  @Min(1)
  @Max(365)
  ITI_RESPONSE_DAYS = 30;
}

export interface ItiConfig {
  /** Days an incoming international trace has for its answer when the request names no due date. */
  responseDays: number;
}

export function parseItiConfig(env: NodeJS.ProcessEnv): ItiConfig {
  return { responseDays: parseEnv(ItiEnv, env).ITI_RESPONSE_DAYS };
}

export const itiConfig = registerAs('iti', () => parseItiConfig(process.env));
