import { type ChainedEntry } from '../chain/audit-chain';
import { csvCellValue } from '../../common/csv-cell';
import { EXPORT_COLUMNS, ExportFormatError } from './audit-export.format';

/*
 * Reading an export back (the offline verifier, audit:verify): each line or row validated
 * into a chained entry, and an incremental CSV reader. The writing side is audit-export.format.ts.
 */

const HEX64 = /^[0-9a-f]{64}$/;

function expectString(record: Record<string, unknown>, field: string, nullable: boolean): string | null {
  const value = record[field];
  if (typeof value === 'string') return value;
  if (value === null && nullable) return null;
  throw new ExportFormatError(`${field} must be ${nullable ? 'a string or null' : 'a string'}`);
}

function expectHash(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || !HEX64.test(value)) throw new ExportFormatError(`${field} must be 64 lower-case hex characters`);
  return value;
}

/** Validates one exported entry's fields (from a parsed NDJSON line or a CSV row) into a chained entry. */
export function entryFromRecord(record: unknown): ChainedEntry {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new ExportFormatError('the line is not a JSON object');
  const fields = record as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!(EXPORT_COLUMNS as readonly string[]).includes(key)) throw new ExportFormatError(`unknown field ${key}`);
  }
  for (const key of EXPORT_COLUMNS) {
    if (!(key in fields)) throw new ExportFormatError(`the field ${key} is missing`);
  }
  if (typeof fields.seq !== 'number' || !Number.isSafeInteger(fields.seq) || fields.seq < 1) {
    throw new ExportFormatError('seq must be a positive integer');
  }
  return {
    seq: fields.seq,
    occurredAt: expectString(fields, 'occurredAt', false) as string,
    actorId: expectString(fields, 'actorId', true),
    actorUsername: expectString(fields, 'actorUsername', false) as string,
    action: expectString(fields, 'action', false) as string,
    entityType: expectString(fields, 'entityType', false) as string,
    entityId: expectString(fields, 'entityId', false) as string,
    before: fields.before,
    after: fields.after,
    requestId: expectString(fields, 'requestId', true),
    clientIp: expectString(fields, 'clientIp', true),
    prevHash: expectHash(fields, 'prevHash'),
    hash: expectHash(fields, 'hash'),
  };
}

export function entryFromNdjson(line: string): ChainedEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new ExportFormatError('the line is not valid JSON');
  }
  return entryFromRecord(parsed);
}

/** Checks the header row of a CSV export. */
export function checkCsvHeader(fields: Array<string | null>): void {
  if (fields.length !== EXPORT_COLUMNS.length || fields.some((field, index) => field !== EXPORT_COLUMNS[index])) {
    throw new ExportFormatError(`the header must be ${EXPORT_COLUMNS.join(',')}`);
  }
}

export function entryFromCsv(fields: Array<string | null>): ChainedEntry {
  if (fields.length !== EXPORT_COLUMNS.length) {
    throw new ExportFormatError(`expected ${EXPORT_COLUMNS.length} fields, found ${fields.length}`);
  }
  const record: Record<string, unknown> = {};
  EXPORT_COLUMNS.forEach((column, index) => {
    const field = fields[index];
    record[column] = field === null ? null : csvCellValue(field);
  });
  const seq = record.seq as string | null;
  if (seq === null || !/^[1-9]\d{0,15}$/.test(seq)) throw new ExportFormatError('seq must be a positive integer');
  record.seq = Number(seq);
  for (const column of ['before', 'after'] as const) {
    const json = record[column];
    try {
      record[column] = json === null ? null : (JSON.parse(json as string) as unknown);
    } catch {
      throw new ExportFormatError(`${column} is not valid JSON`);
    }
  }
  return entryFromRecord(record);
}

export interface CsvRecord {
  /** 1-based row number in the file, the header being row 1. */
  row: number;
  fields: Array<string | null>;
}

const UNQUOTED_END = /[,\n"]/g;

/**
 * Incremental RFC 4180 reader: feed it text as it arrives, get complete rows back. A row
 * that is still incomplete at the end of a chunk is kept and read again with the next one.
 */
export class CsvReader {
  private pending = '';
  private rows = 0;

  push(chunk: string): CsvRecord[] {
    this.pending += chunk;
    return this.drain(false);
  }

  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    const source = this.pending;
    let position = 0;
    while (position < source.length) {
      const parsed = this.readRecord(source, position, final);
      if (parsed === null) break;
      this.rows += 1;
      records.push({ row: this.rows, fields: parsed.fields });
      position = parsed.next;
    }
    this.pending = source.slice(position);
    if (final && this.pending.length > 0) throw new ExportFormatError(`row ${this.rows + 1} is incomplete`);
    return records;
  }

  /** The record starting at `start`, or null when more text is needed to finish it. */
  private readRecord(source: string, start: number, final: boolean): { fields: Array<string | null>; next: number } | null {
    const fields: Array<string | null> = [];
    let position = start;
    for (;;) {
      if (source[position] === '"') {
        let value = '';
        let from = position + 1;
        for (;;) {
          const quote = source.indexOf('"', from);
          if (quote < 0 || (quote + 1 >= source.length && !final)) return null;
          if (source[quote + 1] === '"') {
            value += source.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value += source.slice(from, quote);
          position = quote + 1;
          break;
        }
        fields.push(value);
      } else {
        UNQUOTED_END.lastIndex = position;
        const match = UNQUOTED_END.exec(source);
        if (!match && !final) return null;
        const end = match ? match.index : source.length;
        if (match && match[0] === '"') throw new ExportFormatError(`row ${this.rows + 1}: a quote inside an unquoted field`);
        let value = source.slice(position, end);
        if (value.endsWith('\r') && source[end] === '\n') value = value.slice(0, -1);
        fields.push(value === '' ? null : value);
        position = end;
      }
      if (position >= source.length) return final ? { fields, next: position } : null;
      const delimiter = source[position];
      if (delimiter === ',') {
        position += 1;
        continue;
      }
      if (delimiter === '\r' && position + 1 >= source.length && !final) return null;
      if (delimiter === '\r' && source[position + 1] === '\n') return { fields, next: position + 2 };
      if (delimiter === '\n') return { fields, next: position + 1 };
      throw new ExportFormatError(`row ${this.rows + 1}: unexpected text after a quoted field`);
    }
  }
}
