import { ConfigurationError } from './env';
import { parseTrustProxy } from './trust-proxy';

describe('TRUST_PROXY', () => {
  it('is off by default and with 0', () => {
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  it('takes a hop count or a list of proxy addresses', () => {
    const twoHops = parseTrustProxy('2') as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => twoHops('10.0.0.1', hop))).toEqual([true, true, false]);
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16,::1')).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
  });

  it.each(['true', 'all', '10.0.0.300', '*'])('refuses %j: never every hop', (value) => {
    expect(() => parseTrustProxy(value)).toThrow(ConfigurationError);
  });
});
