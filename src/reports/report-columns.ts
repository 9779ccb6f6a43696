import type { DisplayKind } from '../i18n/display-names';
import { COLUMN_HEADINGS, type HeadingName, type Localized } from './report-texts';

/** How a value is shown in a PDF cell; CSV and JSON carry the value as it is. */
export type ColumnType = 'text' | 'number' | 'timestamp' | 'date';

/**
 * What a PDF cell shows for the code in it (CSV and JSON keep the code): a table of
 * src/i18n/display-names.ts, a country or district name, a document kind before its number,
 * or a table of the column's own.
 */
export type CellDisplay = DisplayKind | 'country' | 'district' | 'idDocument' | 'yesNo' | Readonly<Record<string, Localized>>;

export interface Column {
  /** The CSV header and JSON member: the API's own field names. */
  key: string;
  /** The PDF column heading. */
  heading: Localized;
  type: ColumnType;
  /** Relative width of the PDF column. */
  width: number;
  /** The name the PDF shows for the code in the cell. */
  display?: CellDisplay;
  /** Left out of the PDF (a district's code where its name is shown). */
  pdf?: false;
}

export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

export interface ColumnOptions {
  type?: ColumnType;
  heading?: HeadingName;
  display?: CellDisplay;
  pdf?: false;
}

/** A column whose heading is COLUMN_HEADINGS[options.heading ?? key]. */
export const col = (key: string, width: number, options: ColumnOptions = {}): Column => ({
  key,
  width,
  type: options.type ?? 'text',
  heading: COLUMN_HEADINGS[options.heading ?? (key as HeadingName)] ?? { es: key, en: key },
  ...(options.display ? { display: options.display } : {}),
  ...(options.pdf === false ? { pdf: false as const } : {}),
});

