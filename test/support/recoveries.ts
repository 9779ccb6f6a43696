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

/** Requests a report, waits for the queue to build it, and downloads its file. */
export async function builtReport(t: TestApp, as: TestUser, body: Record<string, unknown>): Promise<Buffer> {
  const requested = await t.http.post('/api/v1/reports').set(bearer(as.accessToken)).send(body);
  if (requested.status !== 202) throw new Error(`POST /reports: ${requested.status} ${requested.text}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const report = await t.http.get(`/api/v1/reports/${requested.body.id}`).set(bearer(as.accessToken));
    if (report.body.status === 'completed') break;
    if (report.body.status === 'failed' || Date.now() > deadline) throw new Error(`report ${requested.body.id}: ${report.text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const file = await t.http
    .get(`/api/v1/reports/${requested.body.id}/file`)
    .set(bearer(as.accessToken))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  if (file.status !== 200) throw new Error(`report file: ${file.status}`);
  return file.body as Buffer;
}
