import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { ConfigurationError, parseEnv } from './env';
/** The registry's days are Panama's; the reminders' schedule is read in its time zone. */
const NOTIFY_TIME_ZONE = 'America/Panama';

class NotificationsEnv {
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'RENEWAL_NOTICE_DAYS must be a whole number of days' })
  @Min(1)
  @Max(365)
  RENEWAL_NOTICE_DAYS = 60;

  @IsOptional()
  @IsString()
  NOTIFY_WEBHOOK_URL?: string = undefined;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'NOTIFY_WEBHOOK_SECRET must be at least 16 characters' })
  NOTIFY_WEBHOOK_SECRET?: string = undefined;

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'NOTIFY_ATTEMPTS must be a whole number' })
  @Min(1)
  @Max(20)
  NOTIFY_ATTEMPTS = 5;

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'NOTIFY_RETRY_DELAY_MS must be a whole number of milliseconds' })
  @Min(10)
  @Max(3_600_000)
  NOTIFY_RETRY_DELAY_MS = 5000;

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'NOTIFY_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(100)
  @Max(120_000)
  NOTIFY_TIMEOUT_MS = 10_000;

  @IsString()
  NOTIFY_CRON = '0 6 * * *';
}

export interface NotificationsConfig {
  /** A licence (or certificate) whose last day is within this many days from today is reminded of. */
  noticeDays: number;
  /** Where each notification is POSTed; null: notifications are only kept (status `pending`). */
  webhookUrl: string | null;
  /** The HMAC-SHA256 key of X-Signature; set whenever webhookUrl is. */
  webhookSecret: string | null;
  /** Delivery attempts per notification, the first included. */
  attempts: number;
  /** The first retry's delay; each next one doubles it (exponential backoff). */
  retryDelayMs: number;
  /** How long one delivery waits for the receiver. */
  timeoutMs: number;
  /** When the daily reminders run, read in `timeZone`. */
  cron: string;
  timeZone: string;
}

function webhookProblems(url: string | undefined, secret: string | undefined): string[] {
  if (url === undefined) return [];
  const problems: string[] = [];
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') problems.push('NOTIFY_WEBHOOK_URL must be an http(s) URL');
  } catch {
    problems.push('NOTIFY_WEBHOOK_URL must be an absolute http(s) URL');
  }
  if (secret === undefined) problems.push('NOTIFY_WEBHOOK_SECRET is required when NOTIFY_WEBHOOK_URL is set');
  return problems;
}

export function parseNotificationsConfig(env: NodeJS.ProcessEnv): NotificationsConfig {
  const parsed = parseEnv(NotificationsEnv, env);
  const problems = webhookProblems(parsed.NOTIFY_WEBHOOK_URL, parsed.NOTIFY_WEBHOOK_SECRET);
  const fields = parsed.NOTIFY_CRON.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) problems.push(`NOTIFY_CRON must be a cron pattern of 5 fields (or 6, seconds first); got "${parsed.NOTIFY_CRON}"`);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    noticeDays: parsed.RENEWAL_NOTICE_DAYS,
    webhookUrl: parsed.NOTIFY_WEBHOOK_URL ?? null,
    webhookSecret: parsed.NOTIFY_WEBHOOK_URL === undefined ? null : (parsed.NOTIFY_WEBHOOK_SECRET ?? null),
    attempts: parsed.NOTIFY_ATTEMPTS,
    retryDelayMs: parsed.NOTIFY_RETRY_DELAY_MS,
    timeoutMs: parsed.NOTIFY_TIMEOUT_MS,
    cron: fields.join(' '),
    timeZone: NOTIFY_TIME_ZONE,
  };
}
