import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { parseEnv } from './env';

class RedisEnv {
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'QUEUE_PREFIX must be 1 to 64 letters, digits, dots, dashes or underscores',
  })
  QUEUE_PREFIX = 'registry';

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'QUEUE_JOB_LOCK_MS must be a whole number of milliseconds' })
  @Min(1000)
  @Max(600_000)
  QUEUE_JOB_LOCK_MS = 30_000;

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'QUEUE_STALLED_CHECK_MS must be a whole number of milliseconds' })
  @Min(500)
  @Max(600_000)
  QUEUE_STALLED_CHECK_MS = 30_000;

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'QUEUE_RECOVERY_INTERVAL must be a whole number of seconds' })
  @Min(1)
  @Max(3600)
  QUEUE_RECOVERY_INTERVAL = 60;
}

export interface RedisConfig {
  url: string;
  /** Prefix of every key the service writes to Redis: BullMQ queues and login throttling alike. */
  prefix: string;
  /**
   * How long a worker's hold on a running job lasts without renewal (it renews it while alive):
   * a job whose worker died is found stalled once it lapses, and run again.
   */
  jobLockMs: number;
  /** How often the workers look for stalled jobs. */
  stalledCheckMs: number;
  /**
   * Seconds between recovery sweeps: tracked work still open with no live job is queued again,
   * and schedules missing from Redis are written again.
   */
  recoveryIntervalSeconds: number;
}

export function parseRedisConfig(env: NodeJS.ProcessEnv): RedisConfig {
  const parsed = parseEnv(RedisEnv, env);
  return {
    url: parsed.REDIS_URL,
    prefix: parsed.QUEUE_PREFIX,
    jobLockMs: parsed.QUEUE_JOB_LOCK_MS,
    stalledCheckMs: parsed.QUEUE_STALLED_CHECK_MS,
    recoveryIntervalSeconds: parsed.QUEUE_RECOVERY_INTERVAL,
  };
}

export const redisConfig = registerAs('redis', () => parseRedisConfig(process.env));
