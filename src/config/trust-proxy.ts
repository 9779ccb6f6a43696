import { isIP } from 'class-validator';
import { ConfigurationError } from './env';

/** Fastify's trustProxy: off, the proxies' addresses, or a hop count as a trust function. */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

/**
 * A hop count trusts the nearest `n` hops (as Express's proxy-addr does): the client address
 * is the one the n-th proxy saw, whatever a client writes further left in X-Forwarded-For.
 * Fastify itself refuses bare hop counts, hence the function.
 */
export function parseTrustProxy(value: string): TrustProxy {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops === 0 ? false : (_address: string, hop: number): boolean => hop < hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isIP(entry.split('/')[0]));
  if (bad.length > 0) {
    throw new ConfigurationError([`TRUST_PROXY: ${bad.join(', ')} is not an IP address or CIDR range`]);
  }
  return entries;
}
