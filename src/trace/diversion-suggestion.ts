import type { DiversionPoint } from './trace-request.entity';

/** A weapon event as the suggestion needs it. */
export interface ReportedEvent {
  kind: string;
  /** ISO 8601 */
  occurredAt: string;
}

/**
 * The diversion point the queue proposes to the competent authority: `theft` or `loss` when the
 * traced weapon was reported so before its recovery (the latest such report up to the end of
 * the recovery day, Panama time), else null. Only a proposal: the authority's finding is
 * POST /trace-requests/:id/origin.
 */
export function suggestDiversionPoint(events: readonly ReportedEvent[], recoveryDate: string): Extract<DiversionPoint, 'theft' | 'loss'> | null {
  const endOfRecoveryDay = new Date(`${recoveryDate}T23:59:59.999-05:00`).getTime();
  let latest: { at: number; point: 'theft' | 'loss' } | null = null;
  for (const event of events) {
    const point = event.kind === 'reported_stolen' ? 'theft' : event.kind === 'reported_lost' ? 'loss' : null;
    const at = new Date(event.occurredAt).getTime();
    if (point === null || at > endOfRecoveryDay) continue;
    if (latest === null || at >= latest.at) latest = { at, point };
  }
  return latest?.point ?? null;
}
