import { msg } from '../i18n/message';
import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import { authConfig, redisConfig } from '../config';
import { REDIS } from '../redis/redis.module';

/**
 * Counts one attempt on every key and starts its window on the first; returns each key's count
 * and remaining window (ms). One script, so concurrent attempts each get a distinct count.
 */
const COUNT_ATTEMPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if count == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  out[#out + 1] = count
  out[#out + 1] = ttl
end
return out
`;

/** Gives back an attempt that turned out to be a success (never below zero, window kept). */
const UNCOUNT_ATTEMPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return count
`;

export interface LoginAttempt {
  username: string;
  clientIp: string | null;
}

/**
 * Limits logins per username and per client address, in Redis so that the limit holds across
 * every instance. An attempt is counted BEFORE its password is checked, atomically: of many
 * simultaneous wrong attempts no more than LOGIN_MAX_FAILURES reach argon2. A success gives
 * its attempt back (and clears the username's counter), so a busy address of honest users is
 * not locked out by its own logins. A window starts at the first attempt and lasts its length.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
    @Inject(redisConfig.KEY) private readonly redisSettings: ConfigType<typeof redisConfig>,
  ) {}

  private keys({ username, clientIp }: LoginAttempt): [user: string, address: string] {
    const base = `${this.redisSettings.prefix}:login-attempts`;
    return [`${base}:user:${username.toLowerCase()}`, `${base}:ip:${clientIp ?? 'unknown'}`];
  }

  /** Counts the attempt; refuses with 429 and Retry-After when either counter is past the limit. */
  async countAttempt(attempt: LoginAttempt): Promise<void> {
    const keys = this.keys(attempt);
    const windowMs = this.auth.loginFailureWindowSeconds * 1000;
    const reply = (await this.redis.eval(COUNT_ATTEMPT, keys.length, ...keys, String(windowMs))) as number[];
    let retryAfterMs = 0;
    for (let i = 0; i < keys.length; i += 1) {
      const count = Number(reply[i * 2]);
      const ttl = Number(reply[i * 2 + 1]);
      if (count > this.auth.loginMaxFailures) retryAfterMs = Math.max(retryAfterMs, ttl > 0 ? ttl : 1000);
    }
    if (retryAfterMs > 0) {
      const seconds = Math.ceil(retryAfterMs / 1000);
      throw new DomainError(ErrorCode.TooManyAttempts, msg('auth.tooManyAttempts', seconds), {
        retryAfterSeconds: seconds,
      });
    }
  }

  /** A successful login clears the username's counter and gives its attempt back to the address. */
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    const [user, address] = this.keys(attempt);
    await this.redis.del(user);
    await this.redis.eval(UNCOUNT_ATTEMPT, 1, address);
  }
}
