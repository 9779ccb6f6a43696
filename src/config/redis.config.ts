import { registerAs } from '@nestjs/config';
import { Matches } from 'class-validator';
import { parseEnv } from './env';

class RedisEnv {
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'QUEUE_PREFIX must be 1 to 64 letters, digits, dots, dashes or underscores',
  })
  QUEUE_PREFIX = 'registry';
}

export interface RedisConfig {
  url: string;
  /** Prefix of every key the service writes to Redis: BullMQ queues and login throttling alike. */
  prefix: string;
}

export function parseRedisConfig(env: NodeJS.ProcessEnv): RedisConfig {
  const parsed = parseEnv(RedisEnv, env);
  return { url: parsed.REDIS_URL, prefix: parsed.QUEUE_PREFIX };
}

export const redisConfig = registerAs('redis', () => parseRedisConfig(process.env));
