import { countryName, displayName } from '../i18n/display-names';
import type { Language } from '../i18n/language';
import type { Cell, CellDisplay, Column, ColumnType } from './report-columns';
import { formatDay, formatTime, reportTexts } from './report-texts';

/** What a PDF needs to name codes for its reader. */
export interface CellContext {
  language: Language;
  /** District code → name, from the reference module. */
  districts: ReadonlyMap<string, string>;
}

/** A district's name for a reader; a code the reference data does not know, as written. */
export function districtName(code: string | null | undefined, context: CellContext): string {
  if (!code) return '';
  return context.districts.get(code) ?? code;
}

/** The name of a code as `display` says, in the context's language. */
export function named(value: string, display: CellDisplay, context: CellContext): string {
  const { language } = context;
  switch (display) {
    case 'country':
      return countryName(value, language);
    case 'district':
      return districtName(value, context);
    case 'yesNo':
      return value === 'yes' ? reportTexts(language).yes : value === 'no' ? reportTexts(language).no : value;
    case 'idDocument': {
      // "<kind> <number>", as the CSV carries it: the kind named, the number as it is (masked or not).
      const space = value.indexOf(' ');
      return space < 0 ? value : `${displayName('idDocumentKind', value.slice(0, space), language)} ${value.slice(space + 1)}`;
    }
    default:
      if (typeof display === 'string') return displayName(display, value, language);
      return Object.prototype.hasOwnProperty.call(display, value) ? display[value][language] : value;
  }
}

/** A value of `type` as the reader's language writes it: dates and Panama times formatted. */
export function formatted(value: string, type: ColumnType, language: Language): string {
  if (type === 'timestamp') {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : formatTime(at, language);
  }
  if (type === 'date') return formatDay(value, language);
  return value;
}

/** A cell as the PDF shows it: a dash when empty, names rather than codes, dates for the reader. */
export function pdfCell(value: Cell, column: Pick<Column, 'type' | 'display'>, context: CellContext): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'number') return String(value);
  const shown = column.display ? named(value, column.display, context) : value;
  return formatted(shown, column.type, context.language);
}
