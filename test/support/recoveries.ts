import { randomInt } from 'node:crypto';
import { daysFromToday } from './registry';
import { bearer, type TestApp, type TestUser } from './test-app';

export interface Recovery {
  id: string;
  kind: string;
  district: string;
  anonymous: boolean;
  items: Array<{ index: number; weaponId: string; matched: 'registered' | 'unregistered'; traceRequestId: string }>;
}

/** A serial of letters with no look-alikes, so no other weapon of the run folds onto it. */
export const ownSerial = (prefix: string): string =>
  `${prefix}-${randomInt(1, 2 ** 40).toString(36).toUpperCase().replace(/[OQDILSBZG0-9]/g, 'X')}${randomInt(1e5, 1e6)}`;

export function recoveryBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'seized',
    date: daysFromToday(0),
    district: '8-05',
    agency: 'Policía Nacional, Zona de San Miguelito',
    caseNumber: `DIJ-${randomInt(1, 1e9)}`,
    place: 'Los Andes No. 2',
    items: [{ make: 'Glock', model: '17', type: 'pistol', calibre: '9mm', serialNumber: ownSerial('RC'), serialStatus: 'marked' }],
    ...overrides,
  };
}

export async function recordRecovery(t: TestApp, as: TestUser, body: Record<string, unknown>): Promise<Recovery> {
  const response = await t.http.post('/api/v1/recoveries').set(bearer(as.accessToken)).send(body);
  if (response.status !== 201) throw new Error(`recordRecovery: ${response.status} ${response.text}`);
  return response.body as Recovery;
}
