import { registerAs } from '@nestjs/config';
import { CronExpressionParser } from 'cron-parser';
import { IsString } from 'class-validator';
import { ConfigurationError, parseEnv } from './env';

/** The registry's days are Panama's; the schedule is read in its time zone. */
export const RECONCILE_TIME_ZONE = 'America/Panama';

class ReconciliationEnv {
  @IsString()
  RECONCILE_CRON = '0 2 * * *';
}

export interface ReconciliationConfig {
  /** When the scheduled run fires: a cron pattern of 5 fields (6 with seconds first), read in `timeZone`. */
  cron: string;
  timeZone: string;
}

/**
 * Why `pattern` cannot drive the schedule, or null. Checked with the parser BullMQ's job
 * schedulers use, so a pattern that passes here is one the scheduler accepts; the field count
 * is checked too, since that parser also takes shorter patterns the queue refuses.
 */
function cronProblem(pattern: string): string | null {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return `must be a cron pattern of 5 fields (or 6, seconds first); got "${pattern}"`;
  try {
    CronExpressionParser.parse(fields.join(' '), { tz: RECONCILE_TIME_ZONE });
    return null;
  } catch (error) {
    return `is not a valid cron pattern ("${pattern}"): ${(error as Error).message}`;
  }
}

export function parseReconciliationConfig(env: NodeJS.ProcessEnv): ReconciliationConfig {
  const parsed = parseEnv(ReconciliationEnv, env);
  const problem = cronProblem(parsed.RECONCILE_CRON);
  if (problem) throw new ConfigurationError([`RECONCILE_CRON ${problem}`]);
  return { cron: parsed.RECONCILE_CRON.trim().split(/\s+/).join(' '), timeZone: RECONCILE_TIME_ZONE };
}

export const reconciliationConfig = registerAs('reconciliation', () => parseReconciliationConfig(process.env));
