import { msg } from '../i18n/message';
import { storedText } from '../i18n/stored-text';
import type { FieldError } from '../common/domain-error';

/** The columns of an import file, matched by header name in any order. */
export const REQUIRED_COLUMNS = [
  'holderDocumentKind',
  'holderDocumentNumber',
  'make',
  'model',
  'type',
  'calibre',
  'serialNumber',
  'countryOfManufacture',
  'acquisitionKind',
  'acquisitionDate',
] as const;

export const OPTIONAL_COLUMNS = [
  'serialStatus',
  'yearOfManufacture',
  'importMarkingCountry',
  'importMarkingYear',
  'otherMarkings',
  'documentRef',
] as const;

export type ImportColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const KNOWN: ReadonlySet<string> = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** Every way a header row is wrong, one entry per column named; empty when it can be read. */
export function headerProblems(header: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') {
      problems.push({ field: `column ${index + 1}`, message: msg('field.columnWithoutName', `column ${index + 1}`, index + 1) });
    } else if (!KNOWN.has(name)) {
      problems.push({ field: name, message: msg('field.unknownColumn', name) });
    } else if (seen.has(name)) {
      problems.push({ field: name, message: msg('field.repeatedColumn', name) });
    }
    seen.add(name);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) problems.push({ field: column, message: msg('field.missingColumn', column) });
  }
  return problems;
}

/** Where each column sits in the file's rows. */
export type ColumnIndex = ReadonlyMap<ImportColumn, number>;

export function columnIndex(header: readonly string[]): ColumnIndex {
  return new Map(header.map((name, index) => [name.trim() as ImportColumn, index]));
}

/** One data row read as POST /weapons would receive it, plus the holder's document. */
export interface RowInput {
  document: { kind: string; number: string };
  /** The body of a RegisterWeaponDto without ownerId, which the import fills from the document. */
  weapon: Record<string, unknown>;
}

/** A whole number stays a number; anything else is passed on as written, for validation to name. */
function integerOrText(value: string): number | string {
  return /^-?\d{1,9}$/.test(value) ? Number(value) : value;
}

/**
 * Builds the registration body of one row. Empty cells are absent fields, as an omitted
 * JSON property would be; cells keep their text so validation reports what was written.
 */
export function rowInput(cells: readonly string[], columns: ColumnIndex): RowInput {
  const cell = (column: ImportColumn): string | undefined => {
    const index = columns.get(column);
    const value = index === undefined ? undefined : cells[index];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const year = cell('yearOfManufacture');
  const markingCountry = cell('importMarkingCountry');
  const markingYear = cell('importMarkingYear');
  const weapon: Record<string, unknown> = {
    make: cell('make'),
    model: cell('model'),
    type: cell('type')?.trim(),
    calibre: cell('calibre'),
    serialNumber: cell('serialNumber'),
    serialStatus: cell('serialStatus')?.trim(),
    countryOfManufacture: cell('countryOfManufacture')?.trim(),
    yearOfManufacture: year === undefined ? undefined : integerOrText(year.trim()),
    importMarking:
      markingCountry === undefined && markingYear === undefined
        ? undefined
        : {
            country: markingCountry?.trim(),
            year: markingYear === undefined ? undefined : integerOrText(markingYear.trim()),
          },
    otherMarkings: cell('otherMarkings'),
    acquisition: {
      kind: cell('acquisitionKind')?.trim(),
      date: cell('acquisitionDate')?.trim(),
      documentRef: cell('documentRef'),
    },
  };
  return {
    document: { kind: cell('holderDocumentKind')?.trim() ?? '', number: cell('holderDocumentNumber') ?? '' },
    weapon: dropUndefined(weapon),
  };
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    result[key] = item !== null && typeof item === 'object' && !Array.isArray(item) ? dropUndefined(item as Record<string, unknown>) : item;
  }
  return result;
}

/** The file's column a field of the registration body comes from. */
const COLUMN_OF_FIELD: Record<string, string> = {
  'acquisition.kind': 'acquisitionKind',
  'acquisition.date': 'acquisitionDate',
  'acquisition.documentRef': 'documentRef',
  acquisition: 'acquisitionKind, acquisitionDate',
  'importMarking.country': 'importMarkingCountry',
  'importMarking.year': 'importMarkingYear',
  importMarking: 'importMarkingCountry, importMarkingYear',
};

export function columnOfField(field: string): string {
  return COLUMN_OF_FIELD[field] ?? field;
}

/**
 * One message naming each bad column, for a row's VALIDATION_FAILED. Stored as messages
 * (stored-text.ts): GET /imports/:id gives them in the reader's language.
 */
export function validationMessage(errors: readonly FieldError[]): string {
  return storedText(errors.map((error) => ({ label: columnOfField(error.field), message: error.message })));
}

/** A record's first line: where it ends, less the line breaks inside its quoted cells. */
export function firstLineOf(endLine: number, cells: readonly string[]): number {
  let breaks = 0;
  for (const value of cells) {
    for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) breaks += 1;
  }
  return endLine - breaks;
}

/** CRLF pairs inside a record's cells. */
export function quotedCrlfs(cells: readonly string[]): number {
  let count = 0;
  for (const value of cells) {
    for (let index = value.indexOf('\r\n'); index !== -1; index = value.indexOf('\r\n', index + 2)) count += 1;
  }
  return count;
}
