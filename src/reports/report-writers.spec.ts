import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { ChunkSink } from './report-chunk-sink';
import { pdfSafe } from './pdf/pdf-document';
import { pdfCell } from './report-cells';
import { reportTexts } from './report-texts';
import { col, COLUMNS, ReportFormat, ReportKind, reportFileName } from './report-kinds';
import { PdfReportWriter } from './report-pdf.writer';
import { CsvWriter, JsonWriter, type ReportMeta } from './report-text.writers';

const meta: ReportMeta = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: ReportKind.StolenWeapons,
  format: ReportFormat.Csv,
  title: 'Armas de fuego reportadas perdidas o robadas',
  params: { district: '8-05' },
  generatedAt: new Date('2026-11-28T17:00:00.000Z'),
  auditHeadSeq: 42,
  auditHeadHash: 'ab'.repeat(32),
  requestedBy: 'police-1',
  requestedByName: 'Pedro Policía Luna',
  language: 'es',
  answers: null,
};
const columns = COLUMNS[ReportKind.StolenWeapons];
const row = (n: number): Record<string, string | number | null> => ({
  registryNumber: `PA-2026-${String(n).padStart(7, '0')}`,
  status: 'stolen',
  make: 'Glock, "Austria"',
  holderName: 'José Pérez',
  reportedAt: '2026-11-20T15:30:00.000Z',
  reportedPlace: null,
});

describe('report file writers', () => {
  it('CSV: a header of the column keys, then one RFC 4180 record per row, null as an empty field', () => {
    let out = '';
    const csv = new CsvWriter((data) => (out += data.toString()), columns);
    csv.row(row(1));
    csv.row(row(2));
    const records = parse(out, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(records[0])).toEqual(columns.map((column) => column.key));
    expect(records.map((record) => record.registryNumber)).toEqual(['PA-2026-0000001', 'PA-2026-0000002']);
    expect(records[0]).toMatchObject({ make: 'Glock, "Austria"', holderName: 'José Pérez', reportedPlace: '', model: '' });
  });

  it('JSON: the report, every row with every column in order, and the count', async () => {
    let out = '';
    const json = new JsonWriter((data) => (out += data.toString()), meta, columns);
    json.row(row(1));
    json.row(row(2));
    await json.end();
    const parsed = JSON.parse(out);
    expect(parsed.report).toMatchObject({ id: meta.id, auditHeadSeq: 42, params: { district: '8-05' }, generatedAt: '2026-11-28T17:00:00.000Z' });
    expect(parsed.rowCount).toBe(2);
    expect(Object.keys(parsed.rows[0])).toEqual(columns.map((column) => column.key));
    expect(parsed.rows[1].registryNumber).toBe('PA-2026-0000002');
  });

  it('JSON with no rows is still a document', async () => {
    let out = '';
    const json = new JsonWriter((data) => (out += data.toString()), meta, columns);
    await json.end();
    expect(JSON.parse(out)).toMatchObject({ rows: [], rowCount: 0 });
  });

  it('PDF: a document of several pages streamed out as it is written', async () => {
    const parts: Buffer[] = [];
    const pdf = new PdfReportWriter((data) => parts.push(Buffer.from(data)), { ...meta, format: ReportFormat.Pdf }, 'landscape');
    pdf.startTable(columns);
    for (let n = 1; n <= 200; n += 1) pdf.row(row(n));
    await pdf.end();
    const file = Buffer.concat(parts);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.subarray(-6).toString()).toContain('%%EOF');
    expect((file.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(3);
  });
});

describe('ChunkSink', () => {
  it('stores full pieces in order as they fill, the rest at the end, and hashes every byte', async () => {
    const stored: Array<[number, Buffer]> = [];
    const sink = new ChunkSink(async (n, data) => stored.push([n, Buffer.from(data)]), 10);
    const input = Array.from({ length: 7 }, (_, index) => `part-${index};`);
    for (const part of input) {
      sink.write(part);
      await sink.drain();
      expect(stored.every(([, data]) => data.length === 10)).toBe(true);
    }
    const file = await sink.finish();
    const whole = input.join('');
    expect(whole.length).toBe(49);
    expect(stored.map(([n]) => n)).toEqual([0, 1, 2, 3, 4]);
    expect(stored[4][1].length).toBe(9);
    expect(Buffer.concat(stored.map(([, data]) => data)).toString()).toBe(whole);
    expect(file).toEqual({ sha256: createHash('sha256').update(whole).digest('hex'), sizeBytes: whole.length, chunkCount: 5 });
  });

  it('an empty file is no pieces and the hash of nothing', async () => {
    const sink = new ChunkSink(async () => undefined, 10);
    expect(await sink.finish()).toEqual({ sha256: createHash('sha256').digest('hex'), sizeBytes: 0, chunkCount: 0 });
  });
});

describe('report naming and PDF text', () => {
  it('names files by kind, subject and day', () => {
    expect(reportFileName(ReportKind.WeaponTrace, ReportFormat.Pdf, { registryNumber: 'PA-2026-0000123' }, '2026-11-28')).toBe(
      'weapon-trace-PA-2026-0000123-2026-11-28.pdf',
    );
    expect(reportFileName(ReportKind.StolenWeapons, ReportFormat.Csv, {}, '2026-11-28')).toBe('stolen-weapons-2026-11-28.csv');
    expect(reportFileName(ReportKind.DistrictSummary, ReportFormat.Json, { district: '8-05' }, '2026-11-28')).toBe(
      'district-summary-8-05-2026-11-28.json',
    );
    expect(reportFileName(ReportKind.TraceRequests, ReportFormat.Csv, { caseNumber: 'DIJ/2026 "44"' }, '2026-11-28')).toBe(
      'trace-requests-DIJ-2026-44-2026-11-28.csv',
    );
  });

  it('keeps what the embedded font can draw (Spanish, Greek, Cyrillic) and marks the rest', () => {
    expect(pdfSafe('Ngäbe-Buglé — 9×19mm, Nº ñ “x” ЖΩ')).toBe('Ngäbe-Buglé — 9×19mm, Nº ñ “x” ЖΩ');
    expect(pdfSafe('李 a\tb\u0007')).toBe('? a b?');
  });

  it('shows names, not codes, and dates as the language writes them; empty cells as a dash', () => {
    const es = { language: 'es' as const, districts: new Map([['8-05', 'San Miguelito']]) };
    const en = { ...es, language: 'en' as const };
    expect(pdfCell('2026-11-20T15:30:00.000Z', col('reportedAt', 1, { type: 'timestamp' }), es)).toBe('20 nov 2026, 10:30');
    expect(pdfCell('2026-11-20T15:30:00.000Z', col('reportedAt', 1, { type: 'timestamp' }), en)).toBe('20 Nov 2026, 10:30');
    expect(pdfCell('2026-02-03', col('date', 1, { type: 'date' }), es)).toBe('3 feb 2026');
    expect(pdfCell('stolen', col('status', 1, { display: 'weaponStatus' }), es)).toBe('robada');
    expect(pdfCell('pistol', col('type', 1, { display: 'weaponType' }), en)).toBe('pistol');
    expect(pdfCell('8-05', col('district', 1, { display: 'district' }), es)).toBe('San Miguelito');
    expect(pdfCell('AT', col('countryOfManufacture', 1, { display: 'country' }), es)).toBe('Austria');
    expect(pdfCell('cedula *-***-4567', col('holderDocument', 1, { display: 'idDocument' }), es)).toBe('cédula *-***-4567');
    expect(pdfCell('yes', col('traceAnswered', 1, { display: 'yesNo' }), es)).toBe('sí');
    expect(pdfCell(null, col('model', 1), es)).toBe('—');
    expect(pdfCell(7, col('rounds', 1, { type: 'number' }), es)).toBe('7');
  });
});

describe('report texts', () => {
  it('agrees the noun with the number in both languages', () => {
    expect(reportTexts('es').traceSummary(1, 3, 0)).toBe('1 periodo de custodia, 3 eventos, 0 indicadores');
    expect(reportTexts('en').traceSummary(2, 1, 1)).toBe('2 custody periods, 1 event, 1 flag');
    expect(reportTexts('es').rows(1)).toBe('1 fila');
    expect(reportTexts('en').rows(3000)).toBe('3000 rows');
  });
});
