import { stringify } from 'csv-stringify/sync';
import { csvCell } from '../common/csv-cell';
import type { Language } from '../i18n/language';
import type { Cell, Column, ReportRow } from './report-kinds';

export type Emit = (data: Buffer | string) => void;

/** What every file says about itself (the JSON `report` member, the PDF's first lines). */
export interface ReportMeta {
  id: string;
  kind: string;
  format: string;
  title: string;
  params: Record<string, unknown>;
  generatedAt: Date;
  auditHeadSeq: number;
  /** The hash of that audit entry: with the seq, what anyone can check the file against. */
  auditHeadHash: string;
  /** The requester's username. */
  requestedBy: string;
  /** The requester's full name, as the PDF shows it. */
  requestedByName: string;
  /** The language the report's text is in (codes, CSV and JSON keys never change with it). */
  language: Language;
  /** The trace request a weapon_trace report answers, if it answers one. */
  answers: { caseNumber: string; requestingAgency: string } | null;
}

/** A table written row by row. */
export interface RowWriter {
  row(row: ReportRow): void;
  /** Resolves once the last byte has been emitted. */
  end(): Promise<void>;
}

const escapeCell = (value: Cell): Cell => (typeof value === 'string' ? csvCell(value) : value);

/** RFC 4180 with a header row of the columns' keys; null is an empty field; no cell starts a formula. */
export class CsvWriter implements RowWriter {
  constructor(
    private readonly emit: Emit,
    private readonly columns: readonly Column[],
  ) {
    emit(stringify([columns.map((column) => column.key)]));
  }

  row(row: ReportRow): void {
    this.emit(stringify([this.columns.map((column) => escapeCell(row[column.key] ?? null))]));
  }

  end(): Promise<void> {
    return Promise.resolve();
  }
}

export function jsonMeta(meta: ReportMeta): Record<string, unknown> {
  return {
    id: meta.id,
    kind: meta.kind,
    title: meta.title,
    params: meta.params,
    generatedAt: meta.generatedAt.toISOString(),
    auditHeadSeq: meta.auditHeadSeq,
    auditHeadHash: meta.auditHeadHash,
    requestedBy: meta.requestedBy,
    language: meta.language,
    ...(meta.answers ? { answers: meta.answers } : {}),
  };
}

/** `{ "report": {...}, "rows": [...], "rowCount": n }`, written as the rows come. */
export class JsonWriter implements RowWriter {
  private count = 0;

  constructor(
    private readonly emit: Emit,
    meta: ReportMeta,
    private readonly columns: readonly Column[],
  ) {
    emit(`{"report":${JSON.stringify(jsonMeta(meta))},"rows":[`);
  }

  row(row: ReportRow): void {
    const ordered: Record<string, Cell> = {};
    for (const column of this.columns) ordered[column.key] = row[column.key] ?? null;
    this.emit(`${this.count === 0 ? '\n' : ',\n'}${JSON.stringify(ordered)}`);
    this.count += 1;
  }

  end(): Promise<void> {
    this.emit(`\n],"rowCount":${this.count}}\n`);
    return Promise.resolve();
  }
}
