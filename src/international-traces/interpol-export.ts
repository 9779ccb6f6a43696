import { Transform, type TransformCallback } from 'node:stream';
import { csvCell } from '../common/csv-cell';
import type { MissingChangeRow } from '../registry/interpol-stolen.query';

/** The columns of INTERPOL's iARMS file, in API.md's order. */
export const INTERPOL_COLUMNS = [
  'recordId',
  'status',
  'changedAt',
  'make',
  'model',
  'type',
  'calibre',
  'serialNumber',
  'countryOfManufacture',
  'importMarking',
  'reportingAgency',
  'caseReference',
] as const;

/** Panama's national contact point, which files every record with INTERPOL. */
export const INTERPOL_REPORTING_AGENCY = 'DIASP Panama';

/** RFC 4180 quoting after the formula guard: a cell holding a comma, quote or line break is quoted. */
function csvField(value: string): string {
  const cell = csvCell(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function interpolLine(row: MissingChangeRow): string {
  const cells: Record<(typeof INTERPOL_COLUMNS)[number], string> = { ...row, reportingAgency: INTERPOL_REPORTING_AGENCY };
  return `${INTERPOL_COLUMNS.map((column) => csvField(cells[column] ?? '')).join(',')}\r\n`;
}

/** Rows in, CSV text out, the header first even when no row follows. */
export class InterpolCsv extends Transform {
  constructor() {
    super({ writableObjectMode: true });
    this.push(`${INTERPOL_COLUMNS.join(',')}\r\n`);
  }

  override _transform(row: MissingChangeRow, _encoding: BufferEncoding, done: TransformCallback): void {
    done(null, interpolLine(row));
  }
}
