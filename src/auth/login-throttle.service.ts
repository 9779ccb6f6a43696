import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import { authConfig, redisConfig } from '../config';
import { REDIS } from '../redis/redis.module';

/**
 * Counts failed logins per username and per client address in Redis, so the limit holds
 * across every instance. A window starts at the first failure and lasts its full length.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
    @Inject(redisConfig.KEY) private readonly redisSettings: ConfigType<typeof redisConfig>,
  ) {}

  private keys(username: string, clientIp: string | null): string[] {
    const base = `${this.redisSettings.prefix}:login-failures`;
    return [`${base}:user:${username.toLowerCase()}`, `${base}:ip:${clientIp ?? 'unknown'}`];
  }

  /** Refuses with 429 and Retry-After while either counter is at the limit. */
  async assertAllowed(username: string, clientIp: string | null): Promise<void> {
    const keys = this.keys(username, clientIp);
    const pipeline = this.redis.multi();
    for (const key of keys) pipeline.get(key).pttl(key);
    const replies = (await pipeline.exec()) ?? [];
    let retryAfterMs = 0;
    for (let i = 0; i < keys.length; i += 1) {
      const count = Number(replies[i * 2]?.[1] ?? 0);
      const ttl = Number(replies[i * 2 + 1]?.[1] ?? -1);
      if (count >= this.auth.loginMaxFailures) retryAfterMs = Math.max(retryAfterMs, ttl > 0 ? ttl : 1000);
    }
    if (retryAfterMs > 0) {
      const seconds = Math.ceil(retryAfterMs / 1000);
      throw new DomainError(ErrorCode.TooManyAttempts, `Too many failed logins; try again in ${seconds} s.`, {
        headers: { 'retry-after': String(seconds) },
      });
    }
  }

  async recordFailure(username: string, clientIp: string | null): Promise<void> {
    const pipeline = this.redis.multi();
    for (const key of this.keys(username, clientIp)) {
      pipeline.incr(key).expire(key, this.auth.loginFailureWindowSeconds, 'NX');
    }
    await pipeline.exec();
  }

  /** A successful login clears the username's counter; the address's counter runs its course. */
  async recordSuccess(username: string, clientIp: string | null): Promise<void> {
    await this.redis.del(this.keys(username, clientIp)[0]);
  }
}
