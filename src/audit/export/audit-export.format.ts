import { csvCell } from '../../common/csv-cell';

export enum ExportFormat {
  Ndjson = 'ndjson',
  Csv = 'csv',
}

/** Every field an entry's hash covers, then the two hashes: each line verifies on its own. */
export const EXPORT_COLUMNS = [
  'seq',
  'occurredAt',
  'actorId',
  'actorUsername',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'requestId',
  'clientIp',
  'prevHash',
  'hash',
] as const;

/** One entry as it is written out; `before` and `after` are already JSON text. */
export interface ExportRow {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string;
  beforeJson: string;
  afterJson: string;
  requestId: string | null;
  clientIp: string | null;
  prevHash: string;
  hash: string;
}

export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

const text = (value: string | null): string => JSON.stringify(value);

export function ndjsonLine(row: ExportRow): string {
  return (
    `{"seq":${row.seq},"occurredAt":${text(row.occurredAt)},"actorId":${text(row.actorId)},` +
    `"actorUsername":${text(row.actorUsername)},"action":${text(row.action)},"entityType":${text(row.entityType)},` +
    `"entityId":${text(row.entityId)},"before":${row.beforeJson},"after":${row.afterJson},` +
    `"requestId":${text(row.requestId)},"clientIp":${text(row.clientIp)},"prevHash":"${row.prevHash}","hash":"${row.hash}"}\n`
  );
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * RFC 4180, with PostgreSQL's COPY convention for null: an empty unquoted field is null and
 * `""` is the empty string, so the export keeps the distinction the hash depends on. No cell
 * starts a formula (csvCell); entryFromCsv reads each cell back with csvCellValue.
 */
function csvField(raw: string | null): string {
  if (raw === null) return '';
  const value = csvCell(raw);
  if (value === '' || NEEDS_QUOTES.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export const CSV_HEADER = `${EXPORT_COLUMNS.join(',')}\r\n`;

export function csvLine(row: ExportRow): string {
  return (
    [
      String(row.seq),
      row.occurredAt,
      row.actorId,
      row.actorUsername,
      row.action,
      row.entityType,
      row.entityId,
      row.beforeJson,
      row.afterJson,
      row.requestId,
      row.clientIp,
      row.prevHash,
      row.hash,
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}
