import { randomInt } from 'node:crypto';
import type { Test } from 'supertest';
import { daysFromToday, makeHolder, makeOwner } from './registry';
import { bearer, type TestApp, type TestUser } from './test-app';

export const IMPORT_HEADER = [
  'holderDocumentKind',
  'holderDocumentNumber',
  'make',
  'model',
  'type',
  'calibre',
  'serialNumber',
  'serialStatus',
  'countryOfManufacture',
  'yearOfManufacture',
  'acquisitionKind',
  'acquisitionDate',
  'importMarkingCountry',
  'importMarkingYear',
  'otherMarkings',
  'documentRef',
] as const;

export type ImportRow = Partial<Record<(typeof IMPORT_HEADER)[number], string>>;

export interface ImportHolder {
  id: string;
  idDocument: { kind: string; number: string };
  address: { district: string };
}

export interface ImportView {
  id: string;
  status: string;
  total: number;
  processed: number;
  accepted: number;
  rejected: number;
  errors: Array<{ row: number; code: string; message: string }>;
  sha256: string;
  failureReason?: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A serial no other test of the run shares. */
export const uniqueSerial = (prefix = 'IMP'): string => `${prefix}-${randomInt(1, 2 ** 40).toString(36).toUpperCase()}`;

/** A licensed holder (makeHolder) with its document, as an import names it. */
export async function importHolder(t: TestApp, as: TestUser, district = '8-05'): Promise<ImportHolder> {
  return (await makeHolder(t, as, district)) as unknown as ImportHolder;
}

/** An owner without any licence. */
export async function unlicensedHolder(t: TestApp, as: TestUser, district = '8-05'): Promise<ImportHolder> {
  return (await makeOwner(t, as, { address: { district, line: 'Calle 50' } })) as unknown as ImportHolder;
}

/** A good row for `holder`: a pistol bought ten days ago with a serial of its own. */
export function importRow(holder: ImportHolder, overrides: ImportRow = {}): ImportRow {
  return {
    holderDocumentKind: holder.idDocument.kind,
    holderDocumentNumber: holder.idDocument.number,
    make: 'Glock',
    model: '19 Gen5',
    type: 'pistol',
    calibre: '9mm',
    serialNumber: uniqueSerial(),
    countryOfManufacture: 'AT',
    yearOfManufacture: '2019',
    acquisitionKind: 'domestic_purchase',
    acquisitionDate: daysFromToday(-10),
    documentRef: 'FAC-9',
    ...overrides,
  };
}

function cell(value: string | undefined): string {
  if (value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file: the header, then a row per line (line n + 1 holds rows[n - 1]). */
export function csv(rows: ImportRow[], header: readonly string[] = IMPORT_HEADER): string {
  const lines = [header.join(','), ...rows.map((row) => header.map((name) => cell((row as Record<string, string>)[name])).join(','))];
  return `${lines.join('\n')}\n`;
}

export function postCsv(t: TestApp, as: TestUser, body: string | Buffer, headers: Record<string, string> = {}): Test {
  return t.http
    .post('/api/v1/imports')
    .set(bearer(as.accessToken))
    .set('Content-Type', 'text/csv')
    .set(headers)
    .send(body);
}

/** Polls GET /imports/:id until the import is completed or failed. */
export async function waitForImport(t: TestApp, as: TestUser, id: string, timeoutMs = 30_000): Promise<ImportView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.http.get(`/api/v1/imports/${id}`).set(bearer(as.accessToken));
    if (response.status !== 200) throw new Error(`GET /imports/${id}: ${response.status} ${response.text}`);
    const view = response.body as ImportView;
    if (view.status === 'completed' || view.status === 'failed') return view;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${view.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Posts a file and waits for it to land. */
export async function importFile(t: TestApp, as: TestUser, rows: ImportRow[]): Promise<ImportView> {
  const response = await postCsv(t, as, csv(rows));
  if (response.status !== 202) throw new Error(`POST /imports: ${response.status} ${response.text}`);
  return waitForImport(t, as, response.body.id);
}
