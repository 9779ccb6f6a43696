/**
 * When a job runs by itself: every so many milliseconds, or on a cron pattern read in a
 * time zone (the registry's days are Panama's: `America/Panama`).
 */
export type ScheduleSpec = { every: number } | { cron: string; timeZone: string };

export interface RepeatSettings {
  every?: number;
  pattern?: string;
  tz?: string;
}

const MIN_EVERY_MS = 1000;

/** BullMQ repeat options for a schedule; throws on one that could never be meant. */
export function repeatSettings(spec: ScheduleSpec): RepeatSettings {
  if ('every' in spec) {
    if (!Number.isInteger(spec.every) || spec.every < MIN_EVERY_MS) {
      throw new Error(`a schedule's interval must be a whole number of milliseconds, at least ${MIN_EVERY_MS}; got ${spec.every}`);
    }
    return { every: spec.every };
  }
  const fields = spec.cron.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) throw new Error(`"${spec.cron}" is not a cron pattern of 5 or 6 fields`);
  if (!isTimeZone(spec.timeZone)) throw new Error(`"${spec.timeZone}" is not a time zone`);
  return { pattern: fields.join(' '), tz: spec.timeZone };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
