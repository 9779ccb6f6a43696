import type { RedisOptions } from 'bullmq';

/**
 * ioredis options for BullMQ from a redis:// or rediss:// URL. Workers block on Redis,
 * so a command never gives up while the server is away (`maxRetriesPerRequest: null`).
 */
export function bullConnection(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
