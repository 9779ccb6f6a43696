import { bullConnection } from './redis-connection';
import { repeatSettings } from './schedule';

describe('repeatSettings', () => {
  it('turns an interval into every, and a cron with its time zone into pattern and tz', () => {
    expect(repeatSettings({ every: 300_000 })).toEqual({ every: 300_000 });
    expect(repeatSettings({ cron: ' 0  2 * * * ', timeZone: 'America/Panama' })).toEqual({ pattern: '0 2 * * *', tz: 'America/Panama' });
  });

  it('refuses what cannot be meant', () => {
    expect(() => repeatSettings({ every: 10 })).toThrow(/at least 1000/);
    expect(() => repeatSettings({ every: 1500.5 })).toThrow(/whole number/);
    expect(() => repeatSettings({ cron: '0 2 * *', timeZone: 'America/Panama' })).toThrow(/5 or 6 fields/);
    expect(() => repeatSettings({ cron: '0 2 * * *', timeZone: 'America/Atlantis' })).toThrow(/not a time zone/);
  });
});

describe('bullConnection', () => {
  it('reads host, port, credentials, database and TLS from the URL', () => {
    expect(bullConnection('rediss://user:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
      maxRetriesPerRequest: null,
    });
    expect(bullConnection('redis://127.0.0.1')).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0, tls: undefined });
  });
});
