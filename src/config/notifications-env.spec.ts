import { ConfigurationError } from './env';
import { parseNotificationsConfig } from './notifications-env';

describe('notifications config', () => {
  it('defaults to 60 days of notice and no webhook', () => {
    expect(parseNotificationsConfig({})).toMatchObject({ noticeDays: 60, webhookUrl: null, webhookSecret: null, attempts: 5 });
  });

  it('needs a secret with the webhook URL', () => {
    expect(() => parseNotificationsConfig({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.pa/registry' })).toThrow(
      /NOTIFY_WEBHOOK_SECRET is required when NOTIFY_WEBHOOK_URL is set/,
    );
    expect(
      parseNotificationsConfig({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.pa/registry', NOTIFY_WEBHOOK_SECRET: 'a-long-enough-secret' }),
    ).toMatchObject({ webhookUrl: 'https://hooks.example.pa/registry', webhookSecret: 'a-long-enough-secret' });
  });

  it('refuses a bad URL, a short secret and a notice out of range, naming each', () => {
    try {
      parseNotificationsConfig({ NOTIFY_WEBHOOK_URL: 'ftp://x', NOTIFY_WEBHOOK_SECRET: 'short', RENEWAL_NOTICE_DAYS: '0' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toContain('NOTIFY_WEBHOOK_SECRET must be at least 16 characters');
      expect(message).toContain('RENEWAL_NOTICE_DAYS');
    }
    expect(() => parseNotificationsConfig({ NOTIFY_WEBHOOK_URL: 'ftp://x', NOTIFY_WEBHOOK_SECRET: 'a-long-enough-secret' })).toThrow(/http\(s\) URL/);
  });
});
